import Foundation

/// How a checker run goes: the run seed, the budget (`cases` × `steps`), swarm mode, how strictly
/// answers are judged, and how a failure is shrunk and saved.
///
/// The CLI sets it from its options; tests and CI read ``fromEnvironment(_:)`` (`EAS_SEED`,
/// `EAS_CASES`, `EAS_STEPS`, `EAS_SWARM`). A run without a seed draws one at random there, at the
/// boundary, and prints it first: nothing inside a run reads system randomness.
public struct CheckerConfiguration: Sendable {
    /// The default number of cases.
    public static let defaultCases = 100
    /// The default number of commands per case.
    public static let defaultSteps = 40

    /// The run seed; case `i`'s seed is `SplitMix64.derive(seed, "case:i")`.
    public var seed: UInt64
    /// Where the seed came from (`EAS_SEED`, `random`, `--seed`, ...), for the first line printed.
    public var seedSource: String
    public var cases: Int
    public var steps: Int
    /// Each case draws from a random subset of command kinds and faults.
    public var swarm: Bool
    /// Whether slow faults are drawn: `stall`, and connects to a base URL nothing listens on (both
    /// cost the implementation's whole timeout; HTTP clients retry refused connections until then).
    public var includeSlowFaults: Bool
    /// How answers are judged (transport, profile, SHOULD-level names).
    public var policy: ModelPolicy
    /// Whether a failing case is shrunk.
    public var shrink: Bool
    /// The most candidate runs a shrink may take.
    public var maxShrinkRuns: Int
    /// Where a failing case is written as a scenario file (nil: not written).
    public var failureDirectory: String?
    /// Run only this shard's cases (case `i` belongs to shard `i % count`); nil runs them all.
    public var shard: Shard?

    /// A deterministic partition of the cases: shard `index` of `count` (0-based).
    public struct Shard: Sendable, Hashable {
        public var index: Int
        public var count: Int

        public init(index: Int, count: Int) {
            precondition(count > 0 && (0..<count).contains(index), "shard \(index) of \(count)")
            self.index = index
            self.count = count
        }

        /// Whether case `caseIndex` belongs to this shard.
        public func includes(_ caseIndex: Int) -> Bool { caseIndex % count == index }
    }

    public init(
        seed: UInt64, seedSource: String = "configuration", cases: Int = defaultCases, steps: Int = defaultSteps, swarm: Bool = true,
        includeSlowFaults: Bool = false, policy: ModelPolicy = .inProcess, shrink: Bool = true, maxShrinkRuns: Int = 400,
        failureDirectory: String? = "Reports/failures"
    ) {
        self.seed = seed
        self.seedSource = seedSource
        self.cases = cases
        self.steps = steps
        self.swarm = swarm
        self.includeSlowFaults = includeSlowFaults
        self.policy = policy
        self.shrink = shrink
        self.maxShrinkRuns = maxShrinkRuns
        self.failureDirectory = failureDirectory
    }

    /// A configuration from the environment: `EAS_SEED` (decimal or `0x` hex; random when absent),
    /// `EAS_CASES`, `EAS_STEPS`, `EAS_SWARM` (`0` turns swarm mode off).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> CheckerConfiguration {
        var configuration: CheckerConfiguration
        if let text = environment["EAS_SEED"], let seed = parseSeed(text) {
            configuration = CheckerConfiguration(seed: seed, seedSource: "EAS_SEED")
        } else {
            configuration = CheckerConfiguration(seed: randomSeed(), seedSource: "random")
        }
        if let cases = environment["EAS_CASES"].flatMap(Int.init), cases >= 0 { configuration.cases = cases }
        if let steps = environment["EAS_STEPS"].flatMap(Int.init), steps >= 0 { configuration.steps = steps }
        if let swarm = environment["EAS_SWARM"] { configuration.swarm = swarm != "0" && swarm.lowercased() != "false" }
        return configuration
    }

    /// A seed from the system's random source: only at the CLI or test boundary, and printed.
    public static func randomSeed() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    /// Reads a seed written in decimal or as `0x` hex.
    public static func parseSeed(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("0x") { return UInt64(trimmed.dropFirst(2), radix: 16) }
        return UInt64(trimmed)
    }

    /// The generator these settings describe.
    public var generator: CommandGenerator {
        CommandGenerator(steps: steps, swarm: swarm, includeSlowFaults: includeSlowFaults)
    }
}

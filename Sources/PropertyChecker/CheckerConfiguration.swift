import Foundation
import KitPrimitives
import ConformanceKit

/// How a checker run goes: the run seed, the budget (`cases` × `steps`), swarm mode, how strictly
/// answers are judged, and how a failure is shrunk and saved.
///
/// The CLI sets it from its options; tests and CI read ``fromEnvironment(_:)`` (`EAS_SEED`,
/// `EAS_CASES`, `EAS_STEPS`, `EAS_SWARM`, `EAS_SOURCE_TYPES`). A run without a seed draws one at
/// random there, at the boundary, and prints it first: nothing inside a run reads system randomness.
///
/// Cases are split between the source ``platforms`` (Canvas and GitHub Classroom by default), each
/// case running on one of them (``platform(forCase:)``), so the default budget costs about what it
/// did with Canvas alone.
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
    /// How long injected stalls last (bounded unless the implementation's own timeout is judged).
    public var stalls: StallPolicy = .bounded
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
    /// Cases run at the same time (each on its own mock platform, with run-unique owners). The run
    /// is the same whatever the completion order: the failure is the lowest-index failing case, and
    /// no case after a known failure is started.
    public var jobs: Int = 1
    /// The source platforms cases run on, each case on one (``platform(forCase:)``); never empty.
    public var platforms: [SourcePlatform] {
        didSet { if platforms.isEmpty { platforms = SourcePlatform.allCases } }
    }

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
        failureDirectory: String? = "Reports/failures", platforms: [SourcePlatform] = SourcePlatform.allCases
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
        self.platforms = platforms.isEmpty ? SourcePlatform.allCases : platforms
    }

    /// The platform case `index` runs on: the cases go in blocks of ``platforms``' size, each block
    /// holding every platform once, in an order drawn from the run seed. Every platform gets its
    /// share of any budget (±1), and a shard (`i % count`) still sees all of them.
    public func platform(forCase index: Int) -> SourcePlatform {
        CheckerCase.platform(runSeed: seed, index: index, among: platforms)
    }

    /// A configuration from the environment: `EAS_SEED` (decimal or `0x` hex; random when absent),
    /// `EAS_CASES`, `EAS_STEPS`, `EAS_SWARM` (`0` turns swarm mode off), `EAS_SOURCE_TYPES`
    /// (`all`, `canvas`, `github-classroom`, or a comma-separated list; unknown names are ignored).
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
        if let text = environment["EAS_SOURCE_TYPES"], let platforms = try? SourcePlatform.parseList(text) { configuration.platforms = platforms }
        return configuration
    }

    /// A seed from the system's random source: only at the CLI or test boundary, and printed.
    public static func randomSeed() -> UInt64 {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    /// Reads a seed in the one grammar (``RunSeed``): decimal or `0x` hex.
    public static func parseSeed(_ text: String) -> UInt64? { RunSeed.parse(text) }

    /// The generator these settings describe.
    public var generator: CommandGenerator {
        CommandGenerator(steps: steps, swarm: swarm, includeSlowFaults: includeSlowFaults)
    }
}

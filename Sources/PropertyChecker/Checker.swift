import KitPrimitives
import ConformanceKit

/// The property-based checker: generates cases from one run seed, runs each against a fresh
/// implementation and mock Canvas, checks the model and the invariants, and on the first failure
/// shrinks it, prints the minimal sequence with its seeds, and saves it as a scenario file.
///
/// ```swift
/// var configuration = CheckerConfiguration.fromEnvironment()
/// configuration.cases = 100
/// let run = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run { print($0) }
/// // checker seed 12345 (EAS_SEED) …
/// exit(run.passed ? 0 : 1)
/// ```
public struct Checker: Sendable {
    public var configuration: CheckerConfiguration
    public var provider: any ImplementationProvider

    public init(configuration: CheckerConfiguration, provider: any ImplementationProvider) {
        self.configuration = configuration
        self.provider = provider
    }

    /// The executor the run uses.
    public var executor: CaseExecutor {
        CaseExecutor(provider: provider, policy: configuration.policy, runSeed: configuration.seed, stalls: configuration.stalls)
    }

    /// Case `index` of this run.
    public func makeCase(_ index: Int) -> CheckerCase {
        configuration.generator.makeCase(
            index: index, seed: CheckerCase.seed(runSeed: configuration.seed, index: index), platform: configuration.platform(forCase: index))
    }

    /// Runs the budget; `log` receives the seed first, then a line per failure and a summary.
    /// `replay` makes the replay command a failure report shows from the written scenario file and
    /// the case's platform (a run against `--sut` passes one that names the implementation).
    public func run(
        log: @Sendable (String) -> Void = { _ in },
        replay: @escaping @Sendable (String, SourcePlatform) -> String = { file, _ in "conformance replay \(file)" }
    ) async -> CheckerRun {
        log("checker seed \(configuration.seed) (\(configuration.seedSource)): \(configuration.cases) cases × \(configuration.steps) steps"
            + "\(configuration.swarm ? ", swarm" : "")\(configuration.shard.map { ", shard \($0.index + 1)/\($0.count)" } ?? ""), against \(provider.label)"
            + ", sources \(configuration.platforms.map(\.sourceType).joined(separator: " + "))")
        var run = CheckerRun(seed: configuration.seed, implementation: provider.label)
        var digests: [String] = []
        let start = ContinuousClock.now
        let (indices, outcomes) = await runCases()
        for (position, index) in indices.enumerated() {
            guard let (outcome, duration) = outcomes[position] else { break }
            let result: CheckerRun.CaseRecord.Result = outcome.setupError != nil ? .couldNotRun : outcome.violation != nil ? .failed : .passed
            run.caseRecords.append(CheckerRun.CaseRecord(
                index: index, platform: outcome.checkerCase.platform, seedText: outcome.checkerCase.seedText, commands: outcome.commandsRun,
                findings: outcome.findings.map(\.id), result: result, duration: duration, inconclusive: outcome.inconclusive,
                digest: outcome.history.digest, calls: outcome.calls))
            if let why = outcome.inconclusive { log("case \(index) inconclusive: \(why)") }
            run.casesRun += 1
            run.casesPerPlatform[outcome.checkerCase.platform, default: 0] += 1
            run.commandsRun += outcome.commandsRun
            run.calls += outcome.calls
            digests.append(outcome.history.digest)
            run.record(outcome.findings)
            if let setupError = outcome.setupError {
                run.setupError = setupError
                log("case \(index) could not run: \(setupError)")
                break
            }
            if outcome.violation != nil {
                run.failure = await investigate(outcome, replay: replay, log: log)
                break
            }
        }
        run.digest = StableHash.hex(StableHash.fnv1a64(digests.joined(separator: ",")))
        run.duration = ContinuousClock.now - start
        log(run.summary)
        return run
    }

    /// Runs this shard's cases, ``CheckerConfiguration/jobs`` at a time, in index order of starting;
    /// once a case fails no later one starts. Returns the case indices and, by position, the outcome
    /// of every case up to the first failing one (later ones may be missing).
    func runCases() async -> (indices: [Int], outcomes: [(CaseOutcome, Duration)?]) {
        let indices = (0..<configuration.cases).filter { configuration.shard?.includes($0) ?? true }
        var outcomes = [(CaseOutcome, Duration)?](repeating: nil, count: indices.count)
        let executor = self.executor
        await withTaskGroup(of: (Int, CaseOutcome, Duration).self) { group in
            var next = 0
            var firstFailure = indices.count
            func startNext() {
                let position = next
                let checkerCase = makeCase(indices[position])
                group.addTask {
                    let started = ContinuousClock.now
                    let outcome = await executor.run(checkerCase)
                    return (position, outcome, ContinuousClock.now - started)
                }
                next += 1
            }
            while next < min(max(1, configuration.jobs), indices.count) { startNext() }
            for await (position, outcome, duration) in group {
                outcomes[position] = (outcome, duration)
                if outcome.setupError != nil || outcome.violation != nil { firstFailure = min(firstFailure, position) }
                if next < min(firstFailure, indices.count) { startNext() }
            }
        }
        return (indices, outcomes)
    }

    /// Re-runs a failing case (to tell a flaky one; three times when it holds a race), shrinks it,
    /// and saves the minimal one.
    func investigate(_ outcome: CaseOutcome, replay: @Sendable (String, SourcePlatform) -> String, log: @Sendable (String) -> Void) async -> CheckerFailure {
        let original = outcome.violation!
        log("case \(outcome.checkerCase.index) on \(outcome.checkerCase.platform) (seed \(outcome.checkerCase.seedText)) failed after \(outcome.commandsRun) commands: \(original)")
        // A race needs the same overlap again: a case with concurrent phases gets three tries.
        let tries = outcome.checkerCase.commands.contains { $0.kind == .concurrent } ? 3 : 1
        var reproduced = false
        for _ in 0..<tries where !reproduced {
            reproduced = await executor.run(outcome.checkerCase).violation?.code == original.code
        }
        var minimal = outcome
        var shrinkRuns = 0
        if reproduced, configuration.shrink {
            let result = await Shrinker(maxRuns: configuration.maxShrinkRuns).shrink(outcome) { await executor.run($0) }
            minimal = result.outcome
            shrinkRuns = result.runs
        }
        var failure = CheckerFailure(
            runSeed: configuration.seed, original: outcome, minimal: minimal, shrinkRuns: shrinkRuns, reproduced: reproduced,
            implementation: provider.label)
        if let directory = configuration.failureDirectory {
            do {
                failure.scenarioFile = try FailureScenario.write(failure, to: directory)
            } catch {
                log("could not write the failure scenario: \(error)")
            }
        }
        let platform = minimal.checkerCase.platform
        log(failure.report { replay($0, platform) })
        return failure
    }
}

import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore
import Synchronization
import ConformanceKit

/// Runs checker cases against an implementation: each case on its own mock platform (loopback,
/// port 0; the mock Canvas, or the mock GitHub Classroom serving the translation of the case's
/// world) with a fresh implementation from the provider (or the shared one, isolated by a
/// per-case owner prefix).
///
/// ```swift
/// let executor = CaseExecutor(provider: ReferenceScenarioProvider())
/// let outcome = await executor.run(CommandGenerator().makeCase(index: 0, seed: 42))
/// print(outcome.violation ?? "passed", outcome.history.digest)
/// ```
public struct CaseExecutor: Sendable {
    /// Where implementations come from.
    public var provider: any ImplementationProvider
    /// How answers are judged.
    public var policy: ModelPolicy
    /// The run seed.
    public var runSeed: UInt64
    /// How long injected stalls last.
    public var stalls: StallPolicy
    /// The most states one owner's linearizability search visits before the case is inconclusive.
    public var linearizabilityBound = Linearizability.defaultBound
    /// Gives every execution against a shared implementation its own owner prefix: a run-unique tag
    /// plus a counter, so re-runs while shrinking, and later runs with the same seed against the same
    /// long-lived server, never meet earlier data. Prefixes are normalized out of histories.
    let executions = ExecutionCounter()

    public init(provider: any ImplementationProvider, policy: ModelPolicy = .inProcess, runSeed: UInt64 = 0, stalls: StallPolicy = .bounded) {
        self.provider = provider
        self.policy = policy
        self.runSeed = runSeed
        self.stalls = stalls
    }

    /// Runs one case to its end (or its first violation).
    public func run(_ checkerCase: CheckerCase) async -> CaseOutcome {
        let platform = Self.platform(for: checkerCase)
        let prefix = provider.isShared ? "\(executions.tag)-c\(StableHash.hex(checkerCase.seed).prefix(6))x\(executions.next())-" : ""
        do {
            return try await platform.withServer(stallLimit: stalls.limit) { origin in
                let context = ScenarioContext(
                    scenario: Self.scenarioShell(for: checkerCase), seed: checkerCase.seed, platform: platform, origin: origin, otherOrigin: nil,
                    isolationPrefix: prefix)
                return try await provider.withImplementation(for: context) { implementation in
                    var runner = CaseRunner(
                        plan: checkerCase, implementation: implementation, platform: platform, origin: origin, prefix: prefix, policy: policy)
                    runner.linearizabilityBound = linearizabilityBound
                    await runner.run()
                    return CaseOutcome(runner)
                }
            }
        } catch {
            return CaseOutcome(checkerCase: checkerCase, setupError: "could not run the case: \(error)")
        }
    }

    /// The case's platform: its world on the mock Canvas, or translated onto the mock GitHub
    /// Classroom with the rate limits lifted (as the Canvas world lifts Canvas's: the checker's
    /// throttling comes from its faults, never from a budget its own probes spent).
    public static func platform(for checkerCase: CheckerCase) -> SimulatedPlatform {
        let platform = SimulatedPlatform(
            canvasWorld: checkerCase.world.world, platform: checkerCase.platform, seed: SplitMix64.derive(checkerCase.seed, "canvas"))
        try? platform.gitHubClassroom?.perform(.setRateLimit(CheckerWorld.unthrottledGitHub))
        return platform
    }

    /// The scenario the provider sees (an id and the world; the steps are the checker's).
    static func scenarioShell(for checkerCase: CheckerCase) -> Scenario {
        Scenario(
            id: "checker.case-\(checkerCase.seedText)\(checkerCase.platform.reportSuffix)", title: "property checker case \(checkerCase.index)",
            spec: [], level: .must, features: ["canvas"] + (checkerCase.platform == .gitHubClassroom ? ["fingerprints"] : []),
            sources: [checkerCase.platform], world: .inline(checkerCase.world.world), steps: [])
    }
}

/// A run-unique tag and a counter of case executions (shared by copies of one executor).
package final class ExecutionCounter: Sendable {
    package let tag = ScenarioRunner.Configuration.freshIsolationTag()
    private let count = Mutex(0)

    package func next() -> Int {
        count.withLock {
            $0 += 1
            return $0
        }
    }
}

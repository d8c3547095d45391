import ArgumentParser
import ConformanceKit
import ReferenceHarness
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Logging
import Synchronization
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance bench scenarios`: scenarios per second in-process and over HTTP against `serve`.
    struct ScenarioBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenarios",
            abstract: "Scenarios/s in-process and over HTTP against the served reference, and the runner's own share of the time.",
            discussion: "Examples:\n  conformance bench scenarios\n  conformance bench scenarios --rounds 10")

        @Option(help: CorpusLocation.help)
        var scenarios: String?

        @Option(help: "Rounds over the corpus.")
        var rounds: Int = 3

        func run() async throws {
            let directory = CorpusLocation.directory(scenarios)
            let loaded = ScenarioLoader(root: directory).loadDirectory(directory)
            guard loaded.errors.isEmpty else { throw ValidationError("malformed scenarios: \(loaded.errors.map(\.description))") }
            // Scenarios that wait for a deliberate timeout (a stalled platform) measure the timeout, not the kit.
            let timed = Self.withoutDeliberateStalls(loaded.scenarios)
            print("benchmark: scenarios (machine cores \(BenchEnvironment.machineCores)); \(timed.count) of \(loaded.scenarios.count) scenarios (those waiting on a deliberate stall excluded)")
            let inProcess = try await Self.measure(timed, rounds: rounds, provider: ReferenceScenarioProvider(), policy: .inProcess, jobs: 1)
            print(inProcess.line("in-process, one at a time"))
            try await BenchEnvironment.withServedReference { provider in
                let serial = try await Self.measure(timed, rounds: rounds, provider: provider, policy: .strictHTTP, jobs: 1)
                print(serial.line("over HTTP against serve, one at a time"))
                let parallel = try await Self.measure(timed, rounds: rounds, provider: provider, policy: .strictHTTP, jobs: 4)
                print(parallel.line("over HTTP against serve, 4 at a time"))
            }
        }

        /// The corpus minus the scenarios that wait for a deliberate timeout (they measure the timeout).
        static func withoutDeliberateStalls(_ scenarios: [Scenario]) -> [Scenario] {
            scenarios.filter { !$0.id.hasSuffix("stall") && $0.id != "security.token-not-echoed" }
        }

        struct Figures {
            var scenarios: Int
            var seconds: Double
            /// The sum of the scenarios' own durations (they overlap when run concurrently).
            var scenarioTime: Double
            var insideCalls: Double
            var perSecond: Double { Double(scenarios) / seconds }
            var runnerShare: Double { scenarioTime > 0 ? max(0, 1 - insideCalls / scenarioTime) * 100 : 0 }
            func line(_ label: String) -> String {
                let share = runnerShare
                return "  \(label.padding(toLength: 40, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", Double(scenarios) / seconds)) scenarios/s"
                    + "   runner overhead \(String(format: "%4.1f", share))% (the rest is in the implementation and the mock)"
            }
        }

        static func measure(_ scenarios: [Scenario], rounds: Int, provider: any ImplementationProvider, policy: MatchPolicy, jobs: Int) async throws -> Figures {
            let timing = TimingProvider(inner: provider)
            let runner = ScenarioRunner(provider: timing, configuration: .init(seed: 1, callTimeout: .seconds(20), maxConcurrentScenarios: jobs, policy: policy))
            _ = await runner.run(scenarios)  // warm-up
            timing.reset()
            let start = ContinuousClock.now
            var scenarioTime = 0.0
            for _ in 0..<rounds { scenarioTime += await runner.run(scenarios).reduce(0) { $0 + $1.duration.seconds } }
            let seconds = (ContinuousClock.now - start).seconds
            return Figures(scenarios: scenarios.count * rounds, seconds: seconds, scenarioTime: scenarioTime, insideCalls: timing.inside)
        }
    }
}

/// Wraps a provider and adds up the wall time spent inside the implementation's calls.
final class TimingProvider: ImplementationProvider {
    let inner: any ImplementationProvider
    private let total = Mutex<Double>(0)

    init(inner: any ImplementationProvider) { self.inner = inner }

    var label: String { inner.label }
    var isShared: Bool { inner.isShared }
    var inside: Double { total.withLock { $0 } }
    func reset() { total.withLock { $0 = 0 } }

    func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        try await inner.withImplementation(for: context) { implementation in
            try await body(TimedImplementation(inner: implementation, provider: self))
        }
    }

    func add(_ seconds: Double) { total.withLock { $0 += seconds } }
}

struct TimedImplementation: ImplementationUnderTest {
    let inner: any ImplementationUnderTest
    let provider: TimingProvider
    var label: String { inner.label }

    func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        let start = ContinuousClock.now
        let result = await inner.perform(call)
        provider.add((ContinuousClock.now - start).seconds)
        return result
    }
}

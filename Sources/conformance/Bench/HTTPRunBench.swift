import ArgumentParser
import ConformanceKit
import ReferenceHarness
import ExternalAssignmentSync
import Foundation
import Logging
import MockServerCore
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance bench http`: a whole default run over HTTP, as a user's CI runs it: the corpus and
    /// the checker's default budget against `serve`, and against a slow implementation the benchmark
    /// starts itself, with each phase's wall time, commands/s and the scenarios that waited longest.
    struct HTTPRunBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "http",
            abstract: "A default run over HTTP against serve and against a slow implementation: phase times, commands/s, the longest waits.",
            discussion: "Examples:\n  swift run -c release conformance bench http\n  swift run -c release conformance bench http --jobs 1 --cases 30")

        @OptionGroup var seeding: BenchSeedOption

        @Option(help: "Scenarios and checker cases at once (as `run --jobs`).")
        var jobs: Int = 4

        @Option(help: "Checker cases (default: the checker's default budget).")
        var cases: Int = CheckerConfiguration.defaultCases

        func run() async throws {
            let seed = seeding.seed
            let scenarios = try Self.corpus()
            print("benchmark: a default run over HTTP (machine cores \(BenchEnvironment.machineCores)), seed \(seed), \(jobs) at a time")
            for target in Target.allCases {
                let figures = try await Self.measure(target, seed: seed, jobs: jobs, cases: cases, scenarios: scenarios)
                for line in figures.lines { print(line) }
            }
        }

        /// The scenario corpus (an error when any file is malformed).
        static func corpus() throws -> [Scenario] {
            let directory = CorpusLocation.directory(nil)
            let loaded = ScenarioLoader(root: directory).loadDirectory(directory)
            guard loaded.errors.isEmpty else { throw ValidationError("malformed scenarios: \(loaded.errors.map(\.description))") }
            return loaded.scenarios
        }

        /// What the benchmark runs against.
        enum Target: CaseIterable {
            /// `conformance serve` as it starts by default (5 s platform timeout).
            case serve
            /// The reference with 20 ms added to every call and a 5 s platform timeout.
            case slow

            var label: String { self == .serve ? "serve (platform timeout 5 s)" : "slow implementation (20 ms per call, platform timeout 5 s)" }
            var platformTimeout: Duration { .seconds(5) }
            var callDelay: Duration? { self == .serve ? nil : .milliseconds(20) }
        }

        /// One target's figures.
        struct Figures {
            var target: Target
            var total: Duration
            var unexpected: Int
            var lines: [String]
        }

        /// A default run against `target`, served on a loopback port for the measurement.
        static func measure(_ target: Target, seed: UInt64, jobs: Int, cases: Int, scenarios: [Scenario]) async throws -> Figures {
            let quiet = BenchEnvironment.quietLogger
            var options = ReferenceImplementation.Options()
            options.canvas.requestTimeout = target.platformTimeout
            options.gitHubClassroom.requestTimeout = target.platformTimeout
            options.logger = quiet
            return try await ReferenceImplementation.withService(options) { service in
                let inner = ReferenceHTTPResponder(service: service, basePath: "/api", logger: quiet)
                let responder = DelayedResponder(inner: inner, delay: target.callDelay)
                return try await withHTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: responder, logger: quiet) { address in
                    await measure(target, baseURL: address.origin + "/api", seed: seed, jobs: jobs, cases: cases, scenarios: scenarios)
                }
            }
        }

        /// A default run as `run --sut` makes it: stalls pure, slow faults in the checker's slow cases.
        static func measure(_ target: Target, baseURL: String, seed: UInt64, jobs: Int, cases: Int, scenarios: [Scenario]) async -> Figures {
            var http = HTTPImplementation.Configuration(baseURL: baseURL)
            http.timeout = .seconds(10)
            let provider = HTTPImplementationProvider(configuration: http)
            var scenarioConfiguration = ScenarioRunner.Configuration(seed: seed, callTimeout: .seconds(10), maxConcurrentScenarios: jobs, policy: .strictHTTP)
            scenarioConfiguration.stalls = .pure
            let runner = ScenarioRunner(provider: provider, configuration: scenarioConfiguration)
            let (verdicts, scenarioPhase) = await BenchEnvironment.timed { await runner.run(scenarios) }
            var configuration = CheckerConfiguration(seed: seed, seedSource: "benchmark", cases: cases, includeSlowFaults: true, failureDirectory: nil)
            configuration.policy = ModelPolicy(match: .strictHTTP)
            configuration.stalls = .pure
            configuration.jobs = jobs
            let run = await Checker(configuration: configuration, provider: provider).run()
            let total = scenarioPhase + run.duration
            let unexpected = verdicts.filter { $0.outcome != .pass && $0.outcome != .skip }.count + (run.passed ? 0 : 1)
            let generator = configuration.generator
            let slow = run.caseRecords.filter { generator.isSlowCase($0.index) }
            let slowTime = slow.reduce(Duration.zero) { $0 + $1.duration }
            let caseTime = run.caseRecords.reduce(Duration.zero) { $0 + $1.duration }
            let waits = verdicts.sorted { $0.duration > $1.duration }.prefix(5)
            let waited = waits.reduce(Duration.zero) { $0 + $1.duration }
            func s(_ duration: Duration) -> String { String(format: "%.1f s", duration.seconds) }
            return Figures(target: target, total: total, unexpected: unexpected, lines: [
                "  \(target.label): \(s(total)) in all\(unexpected == 0 ? "" : ", \(unexpected) UNEXPECTED results")",
                "    scenarios: \(verdicts.count) runs in \(s(scenarioPhase))",
                "    checker: \(run.casesRun) cases, \(run.commandsRun) commands in \(s(run.duration)) (\(Int(run.commandsPerSecond)) commands/s)",
                "    waiting on faults: the checker's \(slow.count) slow cases (a pure stall each at most, unreachable connects) took \(s(slowTime)) of \(s(caseTime)) case time",
                "    longest scenarios (\(s(waited)) of scenario time): " + waits.map { "\($0.scenarioID) \(s($0.duration))" }.joined(separator: ", "),
            ])
        }
    }

    /// A responder that answers after `delay` (the benchmark's slow implementation).
    struct DelayedResponder: HTTPResponder {
        let inner: any HTTPResponder
        let delay: Duration?

        func respond(to request: MockRequest) async -> ResponsePlan {
            var plan = await inner.respond(to: request)
            if let delay { plan.delay = (plan.delay ?? .zero) + delay }
            return plan
        }
    }
}

import ArgumentParser
import ConformanceKit
import KitPrimitives
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
    /// `conformance bench gallery-http`: every bug of the gallery caught in-process and served over
    /// HTTP as `run --sut --source-type all` judges it (the corpus, then the checker with pure
    /// stalls and the slow cases, 4 at a time): the scenarios each fails, the checker cases each
    /// needed, and the medians side by side.
    struct GalleryHTTPBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gallery-http",
            abstract: "Each gallery bug in-process and served over HTTP: caught or not, cases needed, the medians.",
            discussion: "Examples:\n  swift run -c release conformance bench gallery-http\n  swift run -c release conformance bench gallery-http --seed 7 --bug only-first-page")

        @OptionGroup var seeding: BenchSeedOption

        @Option(help: "Cases at once over HTTP (as `run --jobs`).")
        var jobs: Int = 4

        @Option(help: "Only these bugs (repeatable; default: the whole gallery).")
        var bug: [String] = []

        func validate() throws {
            for name in bug where MutantBug(rawValue: name) == nil || name == "none" {
                throw ValidationError("--bug must be one of: \(MutantBug.gallery.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let seed = seeding.seed
            let bugs = bug.isEmpty ? MutantBug.gallery : bug.compactMap(MutantBug.init(rawValue:))
            print("benchmark: the bug gallery in-process and over HTTP (machine cores \(BenchEnvironment.machineCores)), seed \(seed), default budget, both source types")
            let scenarios = try HTTPRunBench.corpus()
            print("  bug                                     checker cases needed     scenarios failed  checker violation over HTTP")
            print("                                          in-process  over HTTP    over HTTP")
            var inProcess: [Int] = []
            var overHTTP: [Int] = []
            var missed: [MutantBug] = []
            let started = ContinuousClock.now
            let control = try await Self.served(.none, seed: seed, jobs: jobs, scenarios: scenarios)
            print("  " + "none (control: must fail nothing)".padding(toLength: 40, withPad: " ", startingAt: 0) + "-           "
                + (control.cases.map { "\($0) FALSE POSITIVE" } ?? "-").padding(toLength: 13, withPad: " ", startingAt: 0) + "\(control.failedScenarios)")
            for bug in bugs {
                let local = await Self.casesNeeded(bug, seed: seed, provider: MutantProvider(bug), overHTTP: false, jobs: 1)
                let served = try await Self.served(bug, seed: seed, jobs: jobs, scenarios: scenarios)
                if let cases = local.cases { inProcess.append(cases) }
                if let cases = served.cases { overHTTP.append(cases) }
                if served.cases == nil && served.failedScenarios == 0 { missed.append(bug) }
                func column(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
                print("  " + column(bug.rawValue, 40) + column(local.cases.map(String.init) ?? "-", 12) + column(served.cases.map(String.init) ?? "-", 13)
                    + column(String(served.failedScenarios), 18) + (served.code?.rawValue ?? "-"))
            }
            print("  caught over HTTP: \(bugs.count - missed.count) of \(bugs.count) (the checker alone: \(overHTTP.count)); median checker cases needed: in-process \(Self.median(inProcess)), over HTTP \(Self.median(overHTTP)) (\(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s)")
            if control.cases != nil || control.failedScenarios > 0 {
                print("  the mutant without a bug FAILED over HTTP: these figures are not to be trusted")
                throw ExitCode(1)
            }
            if !missed.isEmpty {
                print("  NOT CAUGHT over HTTP: \(missed.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(1)
            }
        }

        /// The default budget against `provider`, unshrunk: the 1-based case the bug was caught at, and how.
        static func casesNeeded(_ bug: MutantBug, seed: UInt64, provider: any ImplementationProvider, overHTTP: Bool, jobs: Int) async -> (cases: Int?, code: Violation.Code?) {
            var configuration = CheckerConfiguration(seed: seed, seedSource: "benchmark", includeSlowFaults: overHTTP, shrink: false, failureDirectory: nil)
            if overHTTP {
                configuration.policy = ModelPolicy(match: .strictHTTP)
                configuration.stalls = .pure
                configuration.jobs = jobs
            }
            let run = await Checker(configuration: configuration, provider: provider).run()
            return (run.failure.map { $0.original.checkerCase.index + 1 }, run.failure?.violation.code)
        }

        /// `bug` served as `conformance serve --mutant` serves it (5 s platform timeout), judged over
        /// HTTP: how many scenarios fail or error, and the checker's catch.
        static func served(_ bug: MutantBug, seed: UInt64, jobs: Int, scenarios: [Scenario]) async throws -> (failedScenarios: Int, cases: Int?, code: Violation.Code?) {
            try await withServedMutant(bug) { baseURL in
                var http = HTTPImplementation.Configuration(baseURL: baseURL)
                http.timeout = .seconds(10)
                let provider = HTTPImplementationProvider(configuration: http)
                var runConfiguration = ScenarioRunner.Configuration(
                    seed: seed, callTimeout: .seconds(10), maxConcurrentScenarios: jobs, policy: .strictHTTP, sources: SourcePlatform.allCases)
                runConfiguration.stalls = .pure
                let verdicts = await ScenarioRunner(provider: provider, configuration: runConfiguration).run(scenarios)
                let failed = verdicts.count { $0.outcome == .fail || $0.outcome == .error }
                let checker = await casesNeeded(bug, seed: seed, provider: provider, overHTTP: true, jobs: jobs)
                return (failed, checker.cases, checker.code)
            }
        }

        static func median(_ values: [Int]) -> String {
            guard !values.isEmpty else { return "-" }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? String(sorted[middle]) : String(format: "%.1f", Double(sorted[middle - 1] + sorted[middle]) / 2)
        }
    }
}

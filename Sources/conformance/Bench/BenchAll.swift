import ArgumentParser
import ConformanceKit
import ReferenceHarness
import ExternalAssignmentSync
import Foundation
import JUnitXML
import Logging
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance bench` (all): every issue's figures in one table, with the machine's core count.
    struct BenchAll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "all",
            abstract: "Every figure in one table: mock requests/s, poll throughput, identifyChanges, scenarios/s, checker commands/s, a default run over HTTP, report writing.",
            discussion: """
                Run in release mode; it takes about two minutes. The subcommands measure each part in more detail.

                Example:
                  swift run -c release conformance bench
                """)

        func run() async throws {
            let cores = BenchEnvironment.machineCores
            var rows: [(String, String)] = []
            func row(_ what: String, _ figure: String) {
                rows.append((what, figure))
                FileHandle.standardError.write(Data("  measured: \(what)\n".utf8))
            }
            let mock = try await MockCanvasBench.measureInProcess(connections: 16, seconds: 3)
            row("mock Canvas, 100-assignment page, 16 keep-alive connections",
                "\(Int(mock.requestsPerSecond)) req/s, p50 \(String(format: "%.2f", mock.percentile(50))) ms, p99 \(String(format: "%.2f", mock.percentile(99))) ms")
            let poll = try await ReferenceBench.measurePoll(courses: 50, perCourse: 200, polls: 3)
            row("reference poll, 50 courses x 200 assignments (\(poll.requestsPerPoll) requests)",
                "\(String(format: "%.3f", poll.median)) s, \(Int(poll.requestsPerSecond)) req/s, \(Int(poll.itemsPerSecond)) assignments/s")
            let gitHub = try await GitHubPollBench.measurePoll(classrooms: 20, perClassroom: 100, polls: 5)
            row("reference GitHub Classroom poll, 20 classrooms x 100 assignments (\(gitHub.requestsPerPoll) requests)",
                "\(String(format: "%.3f", gitHub.median)) s, \(Int(gitHub.requestsPerSecond)) req/s, \(Int(gitHub.itemsPerSecond)) assignments/s")
            for size in [10_000, 100_000] {
                let (median, _) = try await ReferenceBench.measureIdentify(size: size)
                row("identifyChanges, \(size) raw vs \(size) mappings", "\(String(format: "%.1f", median * 1000)) ms (\(String(format: "%.2f", median * 1e6 / Double(size))) µs/item)")
            }
            let directory = CorpusLocation.directory(nil)
            let loaded = ScenarioLoader(root: directory).loadDirectory(directory)
            let timed = ScenarioBench.withoutDeliberateStalls(loaded.scenarios)
            let scenarios = try await ScenarioBench.measure(timed, rounds: 1, provider: ReferenceScenarioProvider(), policy: .inProcess, jobs: 1)
            row("scenarios in-process (\(timed.count) of \(loaded.scenarios.count))", "\(String(format: "%.1f", scenarios.perSecond)) scenarios/s, runner share \(String(format: "%.1f", scenarios.runnerShare))%")
            try await BenchEnvironment.withServedReference { provider in
                let overHTTP = try await ScenarioBench.measure(timed, rounds: 1, provider: provider, policy: .strictHTTP, jobs: 4)
                row("scenarios over HTTP against serve, 4 at a time", "\(String(format: "%.1f", overHTTP.perSecond)) scenarios/s")
                let checkerHTTP = await CheckerBenchmark.measure(provider: provider, policy: ModelPolicy(match: .strictHTTP), cases: 20, seed: 1)
                row("property checker over HTTP (20 cases)", "\(Int(checkerHTTP.commandsPerSecond)) commands/s, \(Int(checkerHTTP.callsPerSecond)) calls/s")
            }
            let budget = await CheckerBenchmark.defaultBudget(seed: 1, provider: ReferenceScenarioProvider())
            row("property checker in-process, default budget (100 x 40)", "\(String(format: "%.1f", budget.duration.seconds)) s, \(Int(budget.commandsPerSecond)) commands/s")
            for target in HTTPRunBench.Target.allCases {
                let figures = try await HTTPRunBench.measure(
                    target, seed: BenchSeedOption.defaultSeed, jobs: 4, cases: CheckerConfiguration.defaultCases, scenarios: loaded.scenarios)
                row("a default run over HTTP (corpus + 100 checker cases, 4 at a time) against \(target.label)",
                    String(format: "%.1f s", figures.total.seconds) + (figures.unexpected == 0 ? "" : ", \(figures.unexpected) UNEXPECTED results"))
            }
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("bench-junit-\(getpid()).xml").path
            let (seconds, bytes) = try JUnitBenchmark.writeSynthetic(cases: 100_000, to: report)
            try? FileManager.default.removeItem(atPath: report)
            row("JUnit report, 100,000 cases streamed", "\(String(format: "%.2f", seconds)) s, \(bytes / 1_048_576) MiB")
            let width = rows.map(\.0.count).max() ?? 0
            print("conformance bench: \(cores) cores, release build expected; peak RSS \(ProcessMemory.peakResidentMegabytes.map { String(format: "%.0f MiB", $0) } ?? "n/a")")
            for (what, figure) in rows { print("  " + what.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + figure) }
        }
    }
}

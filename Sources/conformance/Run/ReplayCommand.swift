import ArgumentParser
import ConformanceKit
import Foundation
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance replay FILE...`: re-run scenario files (a failure the checker wrote, say).
    struct ReplayCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Re-run scenario files against the reference or an implementation over HTTP.",
            discussion: """
                World paths in the files resolve against the nearest folder above each file with a
                worlds/ directory. Exit codes as for run.

                Examples:
                  conformance replay Reports/failures/checker-1234-case-7.yaml
                  conformance replay --seed 42 Scenarios/poll/poll-pagination-all-pages.yaml   # from any directory
                  conformance replay --seed 42 poll.pagination-all-pages              # by id
                  conformance replay --sut http://127.0.0.1:8000/api Scenarios/connect/*.yaml
                """)

        @OptionGroup var sut: SUTOptions

        @Argument(help: "Scenario files or scenario ids to run, in order (a `Scenarios/…` path that a report printed works from any directory).")
        var files: [String]

        @Option(help: CorpusLocation.help)
        var scenarios: String?

        func run() async throws {
            let seed = sut.resolvedSeed()
            let console = Console()
            console.status("conformance replay: seed \(seed)")
            let resolved: [String]
            switch CorpusLocation.replayFiles(files, scenarios: scenarios) {
            case .success(let found): resolved = found
            case .failure(let error):
                console.status("error: \(error)")
                throw ExitCode(2)
            }
            let plan = try RunPlan.make(sut: sut, seed: seed, scenarios: "", files: resolved, console: console)
            let outcome = try await plan.execute(jobs: 1, console: console)
            throw ExitCode(outcome.exitCode)
        }
    }
}

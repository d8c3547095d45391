import ArgumentParser
import ConformanceKit
import Foundation
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance coverage`: the clause x scenario matrix.
    struct CoverageCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "coverage",
            abstract: "Print which scenarios pin each clause of the spec and each interpretation.",
            discussion: """
                Exits 1 when a clause has no scenario, 2 when a scenario file is malformed.

                Examples:
                  conformance coverage
                  conformance coverage --csv > coverage.csv
                """)

        @Option(help: CorpusLocation.help)
        var scenarios: String?

        @Flag(help: "Print CSV instead of text.")
        var csv = false

        func run() throws {
            let (matrix, errors) = ScenarioSuite.coverage(directory: CorpusLocation.directory(scenarios))
            for error in errors { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
            if !errors.isEmpty { throw ExitCode(2) }
            print(csv ? matrix.csv : matrix.text, terminator: "")
            if !matrix.uncovered.isEmpty { throw ExitCode(1) }
        }
    }

    /// `conformance list`: the scenarios, one per line.
    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the scenarios: id, level, title and features, in run order.",
            discussion: """
                Examples:
                  conformance list
                  conformance list --filter 'poll.*'
                """)

        @Option(help: CorpusLocation.help)
        var scenarios: String?

        @Option(help: "Only scenarios whose id matches (comma-separated globs).")
        var filter: String = ""

        func run() throws {
            let directory = CorpusLocation.directory(scenarios)
            let loaded = ScenarioLoader(root: directory).loadDirectory(directory, filter: ScenarioFilter(filter))
            for error in loaded.errors { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
            print(ScenarioSuite.listing(loaded.scenarios), terminator: "")
            if !loaded.errors.isEmpty { throw ExitCode(2) }
        }
    }
}

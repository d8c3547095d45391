import ArgumentParser
import Foundation
import JUnitXML
import RunReports

extension Conformance {
    /// `conformance merge-reports OUT IN...`: one report from shard reports.
    struct MergeReportsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge-reports",
            abstract: "Merge JUnit reports (e.g. from --shard runs): counts recomputed, duplicate names made unique.",
            discussion: """
                Example:
                  conformance merge-reports Reports/junit.xml Reports/junit-1.xml Reports/junit-2.xml
                """)

        @Argument(help: "The merged report to write.")
        var output: String

        @Argument(help: "The reports to merge.")
        var inputs: [String]

        func run() throws {
            let counts = try Console().usageErrorsExit2 {
                try JUnitMerger.merge(inputs: inputs.map { .path($0) }, into: output, name: "ExternalAssignmentSync conformance")
            }
            print("merged \(inputs.count) reports into \(output): \(counts.tests) tests, \(counts.failures) failures, \(counts.errors) errors, \(counts.skipped) skipped")
        }
    }

    /// `conformance html REPORT`: the page for people, from any JUnit report the kit wrote.
    struct HTMLCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "html",
            abstract: "Write the self-contained HTML page of a kit's JUnit report (a run's, or merged shards').",
            discussion: """
                `conformance run` writes Reports/index.html itself; use this for merged shard reports.

                Examples:
                  conformance html Reports/junit.xml                       # writes Reports/index.html
                  conformance merge-reports Reports/junit.xml Reports/junit-1.xml Reports/junit-2.xml
                  conformance html Reports/junit.xml --output Reports/all.html
                """)

        @Argument(help: "The JUnit report.")
        var report: String

        @Option(help: "The page to write (default: index.html beside the report).")
        var output: String?

        func run() throws {
            let path = output ?? ((report as NSString).deletingLastPathComponent as NSString).appendingPathComponent("index.html")
            try Console().usageErrorsExit2 { try HTMLReport.write(junitPath: report, to: path) }
            print("page: \(path)")
        }
    }

    /// `conformance validate-report FILE`: check a report against the kit's XSD with libxml2.
    struct ValidateReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate-report",
            abstract: "Validate a JUnit report against the kit's schema (and its counts against its cases).",
            discussion: """
                Exits 0 when valid, 1 with one line per problem otherwise.

                Example:
                  conformance validate-report Reports/junit.xml
                """)

        @Argument(help: "The report to check.")
        var file: String

        func run() throws {
            let errors = JUnitValidator.validate(path: file)
            if errors.isEmpty {
                print("\(file): valid")
                return
            }
            for error in errors { print(error) }
            throw ExitCode(1)
        }
    }
}

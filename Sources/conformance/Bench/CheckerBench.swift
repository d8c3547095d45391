import ArgumentParser
import ConformanceKit
import ReferenceHarness
import ExternalAssignmentSync
import Foundation
import Logging
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance bench checker`: commands/s in-process and over HTTP, the default budget's wall
    /// time, and the bug gallery (cases needed and shrunk length per deliberately wrong implementation).
    struct CheckerBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checker",
            abstract: "Property checker: commands/s in-process and over HTTP, default budget wall time, bug gallery table.",
            discussion: "Examples:\n  conformance bench checker\n  conformance bench checker --seed 7 --http-cases 100")

        @OptionGroup var seeding: BenchSeedOption

        @Option(help: "Cases for the over-HTTP measurement.")
        var httpCases: Int = 30

        func run() async throws {
            let seed = seeding.seed
            print("benchmark: property checker (machine cores \(BenchEnvironment.machineCores)), seed \(seed)")
            let budget = await CheckerBenchmark.defaultBudget(seed: seed, provider: ReferenceScenarioProvider())
            print("  default budget (\(CheckerConfiguration.defaultCases) cases x \(CheckerConfiguration.defaultSteps) steps), in-process, both sources: \(budget)")
            for platform in SourcePlatform.allCases {
                let alone = await CheckerBenchmark.defaultBudget(seed: seed, provider: ReferenceScenarioProvider(), platforms: [platform])
                print("  the same budget with every case on \(platform.sourceType): \(alone)")
            }
            try await BenchEnvironment.withServedReference { provider in
                let http = await CheckerBenchmark.measure(
                    provider: provider, policy: ModelPolicy(match: .strictHTTP), cases: httpCases, seed: seed)
                print("  over HTTP against serve (\(httpCases) cases): \(http)")
            }
            let configuration = CheckerConfiguration(seed: seed, seedSource: "benchmark", failureDirectory: nil)
            let (results, galleryTime) = await BenchEnvironment.timed { await BugGallery.evaluate(configuration: configuration) }
            print("  bug gallery (default budget each; \(String(format: "%.1f", galleryTime.seconds)) s in all):")
            print(BugGallery.table(results).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            if results.contains(where: { !$0.caught }) { throw ExitCode(1) }
        }
    }
}

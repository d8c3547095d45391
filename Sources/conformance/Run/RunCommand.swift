import ArgumentParser
import ConformanceKit
import Foundation
import JUnitXML
import KitPrimitives
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance run`: every scenario (and the property checker) against an implementation.
    struct RunCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run the scenarios against the embedded reference or an implementation over HTTP; write a JUnit report.",
            discussion: """
                Exit codes: 0 every result as expected, 1 unexpected failures, 2 usage or configuration
                error (bad flag, malformed scenario or expectations file), 3 implementation unreachable.

                Examples:
                  conformance run                                        # embedded reference + mock Canvas
                  conformance run --sut http://127.0.0.1:8000/api        # your implementation over HTTP
                  conformance run --sut http://127.0.0.1:8000/api --profile compat-6104 --body-field sessionToken=abc
                  conformance run --filter 'poll.*' --seed 42 --junit Reports/poll.xml
                  conformance run --shard 2/4 --junit Reports/junit-2.xml   # then: conformance merge-reports
                  conformance run --expectations my-known-failures.yaml
                """)

        @OptionGroup var sut: SUTOptions

        @Option(help: CorpusLocation.help)
        var scenarios: String?

        @Option(help: "Only scenarios whose id matches (comma-separated globs, e.g. 'connect.*,poll.rate-*').")
        var filter: String = ""

        @Option(help: ArgumentHelp("Run the K-th of N deterministic parts (1-based), for CI matrices.", valueName: "K/N"))
        var shard: Shard = .whole

        @Option(help: "Scenarios and property-checker cases run at the same time (over HTTP against your server with run-unique owners, in-process each on its own reference; one at a time with --sut-restart-cmd).")
        var jobs: Int = 4

        @Option(help: "Property-checker cases (default: EAS_CASES, else the checker's default; 0 skips the checker).")
        var cases: Int?

        @Option(help: "Commands per property-checker case (default: EAS_STEPS, else the checker's default).")
        var steps: Int?

        /// The property checker's budget: flags, else `EAS_CASES`/`EAS_STEPS`, else its defaults; nil when 0 cases.
        /// Its cases split between the `--source-type` platforms (at its default, `all`, `EAS_SOURCE_TYPES` may narrow them).
        static func checkerConfiguration(
            seed: UInt64, sources: [SourcePlatform], sut: SUTOptions, cases: Int?, steps: Int?, shard: Shard
        ) -> CheckerConfiguration? {
            var configuration = CheckerConfiguration.fromEnvironment()
            configuration.seed = seed
            configuration.seedSource = "run seed"
            if let cases { configuration.cases = cases }
            if let steps { configuration.steps = steps }
            if sut.sourceType != nil || sut.sut != nil || ProcessInfo.processInfo.environment["EAS_SOURCE_TYPES"] == nil {
                configuration.platforms = sources
            }
            configuration.stalls = sut.stalls
            // Over HTTP the implementation's own platform timeout is judged: the slow cases (one in
            // `CommandGenerator.slowCaseEvery`) hold a pure stall and unreachable connects.
            configuration.includeSlowFaults = sut.sut != nil
            if shard.count > 1 { configuration.shard = .init(index: shard.index - 1, count: shard.count) }
            if sut.sut != nil {
                let profile = sut.wireProfile
                configuration.policy = ModelPolicy(match: .forProfile(profile), enforcesShouldLevel: profile == .strict)
            }
            return configuration.cases > 0 ? configuration : nil
        }

        func validate() throws {
            if let cases, cases < 0 { throw ValidationError("--cases must be >= 0") }
            if let steps, steps < 1 { throw ValidationError("--steps must be >= 1") }
            guard jobs >= 1 else { throw ValidationError("--jobs must be >= 1") }
        }

        func run() async throws {
            let seed = sut.resolvedSeed()
            let console = Console()
            console.status("conformance run: seed \(seed)")
            var plan = try RunPlan.make(sut: sut, seed: seed, scenarios: CorpusLocation.directory(scenarios), filter: filter, shard: shard, console: console)
            plan.checker = Self.checkerConfiguration(seed: seed, sources: plan.sources, sut: plan.options, cases: cases, steps: steps, shard: shard)
            // Checker cases run `--jobs` at a time (over HTTP against the shared server, each with its
            // own owners; in-process each with its own reference), never while a restart command
            // may restart the server under another case.
            plan.checker?.jobs = sut.sutRestartCommand == nil ? jobs : 1
            let outcome = try await plan.execute(jobs: jobs, console: console)
            throw ExitCode(outcome.exitCode)
        }
    }
}

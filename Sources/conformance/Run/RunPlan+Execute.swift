import ArgumentParser
import ConformanceKit
import Foundation
import JUnitXML
import KitPrimitives
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// What a run came to.
struct RunOutcome {
    var classification: ResultClassification
    var exitCode: Int32
}

extension RunPlan {
    /// Runs the scenarios with progress, writes the report, prints the summary.
    func execute(jobs: Int, console: Console) async throws -> RunOutcome {
        var plan = self
        if let http = httpConfiguration {
            try await checkReachable(http, console: console)
            let resolution = await RouteResolution.resolve(http)
            console.status("routes:\n" + resolution.lines.map { "  " + $0 }.joined(separator: "\n"))
            plan.httpConfiguration = resolution.configuration
            plan.provider = options.provider(for: resolution.configuration)
            plan.routes = resolution.entries.map { (name: $0.name, route: $0.url) }
        }
        return try await plan.executeResolved(jobs: jobs, console: console)
    }

    /// Runs with every route decided.
    private func executeResolved(jobs: Int, console: Console) async throws -> RunOutcome {
        var configuration = ScenarioRunner.Configuration(seed: seed, callTimeout: callTimeout, policy: policy, sources: sources)
        configuration.stalls = stalls
        let runner = ScenarioRunner(provider: provider, configuration: configuration)
        let cases = runner.cases(scenarios)
        let platforms = sources.map { platform in "\(platform.shortName) \(cases.count { $0.platform == platform })" }.joined(separator: ", ")
        console.status("implementation: \(provider.label); \(scenarios.count) scenarios (\(platforms) runs); report: \(junitPath)")
        let started = ContinuousClock.now
        // Scenarios run `jobs` at a time: over HTTP against the shared server with run-unique owners,
        // in-process each on its own reference and mock (a restart command serializes them).
        let verdicts = await runAll(runner, cases: cases, jobs: options.sutRestartCommand == nil ? max(1, jobs) : 1, console: console)
        let classification = expectations.classify(verdicts + undeclaredRuns, tolerating: toleratedLevels)
        let checkerRun = await runChecker(console: console)
        let elapsed = ContinuousClock.now - started
        try writeReport(classification, checker: checkerRun, elapsed: elapsed, console: console)
        printSummary(classification, checker: checkerRun, elapsed: elapsed, console: console)
        let failed = classification.failsRun || (checkerRun.map { !$0.passed } ?? false)
        return RunOutcome(classification: classification, exitCode: failed ? 1 : 0)
    }

    /// The source types the implementation does not declare.
    var undeclaredSources: [SourcePlatform] { SourcePlatform.allCases.filter { !sources.contains($0) } }

    /// Why runs on `platform` are skipped, and how to turn them on.
    static func undeclaredReason(_ platform: SourcePlatform) -> String {
        "\(platform.sourceType) not declared; add --source-type all (or list it under sourceTypes: in the adapter file) to run it"
    }

    /// The scenario runs on undeclared source types, as skipped verdicts (never passed or failed).
    var undeclaredRuns: [ScenarioVerdict] {
        let undeclared = undeclaredSources
        return scenarios.flatMap { scenario in
            scenario.sourcePlatforms.sorted().filter(undeclared.contains).map { platform in
                ScenarioVerdict.notRun(
                    ScenarioCase(scenario: scenario, platform: platform), reason: Self.undeclaredReason(platform), implementation: provider.label)
            }
        }
    }

    /// Runs every scenario, printing a line as each finishes; results come back in run order.
    func runAll(_ runner: ScenarioRunner, cases: [ScenarioCase], jobs: Int, console: Console) async -> [ScenarioVerdict] {
        var results = [ScenarioVerdict?](repeating: nil, count: cases.count)
        await withTaskGroup(of: (Int, ScenarioVerdict).self) { group in
            var next = 0
            func start() {
                let index = next
                let item = cases[index]
                group.addTask { (index, await runner.run(item)) }
                next += 1
            }
            while next < min(jobs, cases.count) { start() }
            for await (index, verdict) in group {
                results[index] = verdict
                console.status(progressLine(verdict, console: console))
                if next < cases.count { start() }
            }
        }
        return results.compactMap { $0 }
    }

    func progressLine(_ verdict: ScenarioVerdict, console: Console) -> String {
        let label: String
        switch verdict.outcome {
        case .pass: label = console.paint("pass ", 32)
        case .fail: label = console.paint("FAIL ", 31)
        case .error: label = console.paint("ERROR", 31)
        case .skip: label = console.paint("skip ", 2)
        }
        let level = verdict.level == .must ? "" : " [\(verdict.level.rawValue)]"
        var line = "  \(label) \(verdict.scenarioID)\(level) (\(String(format: "%.2f", verdict.duration.seconds)) s)"
        if verdict.outcome == .fail || verdict.outcome == .error, let reason = verdict.reason { line += "\n         \(reason)" }
        return line
    }

    /// Runs the property checker's budget against the same implementation, if one is configured.
    func runChecker(console: Console) async -> CheckerRun? {
        guard let configuration = checker else { return nil }
        console.status("")
        let context = runContext
        return await Checker(configuration: configuration, provider: provider).run(
            log: { line in console.status(line) },
            replay: { file, platform in context.replayCommand(ConformanceReport.relativePath(file), source: platform) })
    }

    /// Fails fast (exit 3) when nothing answers at the implementation's address.
    func checkReachable(_ http: HTTPImplementation.Configuration, console: Console) async throws {
        var probe = http
        probe.timeout = min(http.timeout, .seconds(5))
        let result = try await HTTPImplementation.withImplementation(probe) { sut in
            await sut.perform(.getSourcesForUser(user: "conformance-probe"))
        }
        if case .failure(let error) = result, error.code == .unreachable {
            console.status("error: the implementation is unreachable: \(error.message)")
            console.status("hint: start it first (e.g. `conformance serve --port 8000`), then pass its base URL with --sut")
            throw ExitCode(3)
        }
    }
}

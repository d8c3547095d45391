import ConformanceKit
import ExternalAssignmentSync
import Foundation
import Logging
import Testing

/// The whole corpus through the HTTP adapter against `conformance serve`'s responder gives the same
/// verdicts as in-process (issue 4, item 6).
@Suite struct ScenarioHTTPEquivalenceTests {
    @Test func theCorpusOverHTTPAgainstServeMatchesInProcess() async throws {
        let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot)
        #expect(loaded.errors.isEmpty)
        let seed = ScenarioTestSupport.seed
        let inProcess = await ScenarioRunner(
            provider: ReferenceScenarioProvider(), configuration: .init(seed: seed, callTimeout: .seconds(20), policy: .inProcess, sources: SourcePlatform.allCases)
        ).run(loaded.scenarios)

        // One served reference for every scenario, as a real server: its own wall clock, and the same
        // simulation-friendly connector settings as the in-process runs.
        var options = ReferenceImplementation.Options()
        options.canvas.maxConcurrentCourses = 1
        options.canvas.maxSlowdownPause = .zero
        options.canvas.requestTimeout = .seconds(2)
        options.canvas.totalTimeout = .seconds(10)
        options.connectTimeout = .seconds(2)
        options.readTimeout = .seconds(2)
        options.logger = Logger(label: "served") { _ in SwiftLogNoOpLogHandler() }
        let overHTTP = try await withReferenceServer(options: options, logger: Logger(label: "serve") { _ in SwiftLogNoOpLogHandler() }) { served in
            var configuration = HTTPImplementation.Configuration(baseURL: served.baseURL)
            configuration.timeout = .seconds(20)
            return await ScenarioRunner(
                provider: HTTPImplementationProvider(configuration: configuration),
                configuration: .init(seed: seed, callTimeout: .seconds(25), maxConcurrentScenarios: 4, policy: .strictHTTP, sources: SourcePlatform.allCases)
            ).run(loaded.scenarios)
        }

        let cases = ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(sources: SourcePlatform.allCases)).cases(loaded.scenarios)
        #expect(inProcess.count == cases.count)
        #expect(inProcess.map(\.scenarioID) == overHTTP.map(\.scenarioID))
        for (local, remote) in zip(inProcess, overHTTP) where local.outcome != remote.outcome {
            Issue.record("\(local.scenarioID): in-process \(local.outcome), over HTTP \(remote.outcome)\n\(ScenarioTestSupport.explain(remote))")
        }
        #expect(inProcess.allSatisfy { $0.outcome == .pass }, "every scenario passes against the reference")
    }
}

import ConformanceKit
import ReferenceHarness
import ConceptValues
import Foundation
import Logging
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The whole corpus through the HTTP adapter against `conformance serve`'s responder gives the same
/// verdicts as in-process (issue 4, item 6).
@Suite struct ScenarioHTTPEquivalenceTests {
    @Test func theCorpusOverHTTPAgainstServeMatchesInProcess() async throws {
        let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot)
        #expect(loaded.errors.isEmpty)
        let seed = ScenarioTestSupport.seed
        let inProcess = await ScenarioRunner(
            provider: ReferenceScenarioProvider(), configuration: .init(seed: seed, callTimeout: HTTPFixtures.healthyCallTimeout, policy: .inProcess, sources: SourcePlatform.allCases)
        ).run(loaded.scenarios)

        // One served reference for every scenario, as a real server: its own wall clock, and the same
        // simulation-friendly connector settings as the in-process runs.
        let options = ReferenceScenarioProvider.simulationOptions()
        let overHTTP = try await withReferenceServer(options: options, logger: Logger(label: "serve") { _ in SwiftLogNoOpLogHandler() }) { served in
            var configuration = HTTPImplementation.Configuration(baseURL: served.baseURL)
            configuration.timeout = HTTPFixtures.healthyCallTimeout
            return await ScenarioRunner(
                provider: HTTPImplementationProvider(configuration: configuration),
                configuration: .init(seed: seed, callTimeout: HTTPFixtures.healthyCallTimeout + .seconds(5), maxConcurrentScenarios: 4, policy: .strictHTTP, sources: SourcePlatform.allCases)
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

import ConformanceKit
import ReferenceHarness
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The whole corpus against the in-process reference, once per source type: every scenario that
/// runs on the platform (its `sources:`, or every platform when it translates) must pass.
@Suite("Scenario corpus by source type")
struct GitHubScenarioCorpusTests {
    @Test("Every scenario for the source type passes against the reference", arguments: SourcePlatform.allCases)
    func corpusPasses(_ platform: SourcePlatform) async throws {
        let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot)
        #expect(loaded.errors.isEmpty, "\(loaded.errors.map(\.description).joined(separator: "\n"))")
        let runner = ScenarioRunner(
            provider: ReferenceScenarioProvider(),
            configuration: .init(seed: ScenarioTestSupport.seed, callTimeout: HTTPFixtures.healthyCallTimeout, maxConcurrentScenarios: 8, sources: [platform]))
        let verdicts = await runner.run(loaded.scenarios)
        #expect(!verdicts.isEmpty)
        #expect(verdicts.allSatisfy { $0.source == platform })
        for verdict in verdicts where verdict.outcome != .pass {
            Issue.record("\(ScenarioTestSupport.explain(verdict))")
        }
    }
}

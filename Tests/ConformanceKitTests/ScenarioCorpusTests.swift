import ConformanceKit
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// `swift test` runs every scenario file as one case of one parameterized test, against the
/// in-process reference (or, with `EAS_SUT_URL` and `EAS_PROFILE`, an implementation over HTTP).
@Suite("Scenario corpus")
struct ScenarioCorpusTests {
    @Test("Scenario file passes", arguments: ScenarioTestSupport.scenarioFiles)
    func scenarioPasses(_ file: String) async throws {
        guard let verdict = try await ScenarioTestSupport.run(file: file) else {
            Issue.record("EAS_SUT_URL is set but no HTTP provider is plugged into ScenarioTestSupport.httpProvider")
            return
        }
        #expect(verdict.outcome == .pass, "\(ScenarioTestSupport.explain(verdict))")
    }
}

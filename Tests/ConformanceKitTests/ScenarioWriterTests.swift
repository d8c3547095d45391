import ConformanceKit
import ReferenceHarness
import MockCanvas
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Scenarios written back to YAML read back as the same scenarios (the property checker saves
/// failing cases this way).
@Suite("Scenario writer")
struct ScenarioWriterTests {
    /// The scenario without what depends on where it was read from.
    func comparable(_ scenario: Scenario) -> Scenario {
        var copy = scenario
        copy.file = nil
        copy.steps = copy.steps.map { ScenarioStep($0.action, note: $0.note) }
        return copy
    }

    @Test("Every corpus file round-trips through the writer", arguments: ScenarioTestSupport.scenarioFiles)
    func roundTrip(_ file: String) throws {
        let original = try ScenarioTestSupport.loader.load(file: ScenarioTestSupport.scenariosRoot + "/" + file)
        let text = try ScenarioWriter.yaml(original)
        let reread = try ScenarioTestSupport.loader.parse(text, file: "rewritten-" + file)
        #expect(comparable(reread) == comparable(original), "\(text)")
    }

    @Test("A scenario built in code is written readably and runs")
    func builtInCode() async throws {
        let connect = CallStep(
            name: "connectSource",
            arguments: .object([
                "owner": .string("alice"), "sourceType": .string("Canvas"), "sourceName": .string("50001"),
                "details": .object(["apiToken": .string("tok-alice"), "baseUrl": .string("$canvas")]),
            ]),
            expect: .object([.init("sourceAccount", .binding("s1"))]))
        let poll = CallStep(
            name: "pollExternalSource", arguments: .object(["sourceAccount": .string("$s1")]),
            expect: .object([.init("rawExternalAssignments", .all([.count(5), .distinct("externalId")]))]))
        let world = try CanvasWorld.load(contentsOf: ScenarioTestSupport.scenariosRoot + "/worlds/basic.yaml")
        let scenario = Scenario(
            id: "checker.case-17", title: "Found by the property checker", spec: ["interp.poll-complete"], level: .must,
            features: ["canvas"], world: .inline(world),
            steps: [ScenarioStep(.call(connect)), ScenarioStep(.clock(.advance(seconds: 1.5))), ScenarioStep(.call(poll), note: "seed 17")])
        let text = try ScenarioWriter.yaml(scenario)
        #expect(text.contains("call: connectSource"))
        #expect(text.contains("sourceName: '50001'") || text.contains("sourceName: \"50001\""))
        let reread = try ScenarioTestSupport.loader.parse(text, file: "case-17.yaml")
        #expect(comparable(reread) == comparable(scenario))
        let verdict = await ScenarioRunner(provider: ReferenceScenarioProvider()).run(reread)
        #expect(verdict.outcome == .pass, "\(ScenarioTestSupport.explain(verdict))")
    }
}

import ConformanceKit
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// A malformed scenario names file, line and field, whatever the mistake.
@Suite("Scenario loader errors")
struct ScenarioLoaderErrorTests {
    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        /// The steps (or whole file, when `whole`) with the mistake.
        var text: String
        var code: ScenarioError.Code
        var line: Int
        var field: String
        var whole = false

        var testDescription: String { name }
    }

    static let header = """
        id: test.mistake
        title: A mistake
        spec: [connectSource.effects.new-id]
        level: MUST
        world: worlds/basic.yaml
        steps:

        """

    static let connect = """
          - call: connectSource
            with: {owner: alice, sourceType: Canvas, sourceName: A, details: {apiToken: tok-alice, baseUrl: $canvas}}
            expect: {sourceAccount: $s1}

        """

    static let mistakes: [Mistake] = [
        Mistake(name: "unknown top-level key", text: header.replacing("level: MUST", with: "level: MUST\nlevle: SHOULD"), code: .unknownKey, line: 5, field: "levle", whole: true),
        Mistake(name: "unknown call", text: "  - call: connectSorce\n    with: {owner: alice}\n", code: .unknownCall, line: 7, field: "steps[0].call"),
        Mistake(name: "unknown argument", text: "  - call: disconnectSource\n    with: {sourceAccount: x, force: true}\n", code: .unknownArgument, line: 8, field: "steps[0].with.force"),
        Mistake(name: "missing argument", text: "  - call: _getMappedInternalId\n    with: {externalId: \"1\"}\n", code: .unknownArgument, line: 8, field: "steps[0].with.sourceAccount"),
        Mistake(name: "wrong argument type", text: connect + "  - call: recordInternalSync\n    with: {sourceAccount: $s1, externalId: \"1\", internalId: [a, b], externalModificationTimestamp: \"2025-09-01T00:00:00Z\"}\n", code: .wrongType, line: 11, field: "steps[1].with.internalId"),
        Mistake(name: "malformed timestamp argument", text: connect + "  - call: recordInternalSync\n    with:\n      sourceAccount: $s1\n      externalId: \"1\"\n      internalId: t\n      externalModificationTimestamp: yesterday\n", code: .wrongType, line: 15, field: "steps[1].with.externalModificationTimestamp"),
        Mistake(name: "unknown binding", text: "  - call: pollExternalSource\n    with: {sourceAccount: $s9}\n", code: .unknownBinding, line: 8, field: "steps[0].with.sourceAccount"),
        Mistake(name: "unknown binding inside a list", text: connect + "  - call: identifyChanges\n    with:\n      sourceAccount: $s1\n      rawExternalAssignments: [{externalId: \"1\", details: {name: A}, externalModificationTimestamp: $when}]\n", code: .unknownBinding, line: 13, field: "steps[1].with.rawExternalAssignments[0].externalModificationTimestamp"),
        Mistake(name: "unknown clause id", text: header.replacing("spec: [connectSource.effects.new-id]", with: "spec: [connectSource.effects.new-id, connectSource.efects.stored]"), code: .unknownClause, line: 3, field: "spec[1]", whole: true),
        Mistake(name: "unknown step key", text: "  - call: _getSourcesForUser\n    with: {user: alice}\n    expcet: {sources: []}\n", code: .unknownKey, line: 9, field: "steps[0].expcet"),
        Mistake(name: "unknown result field", text: "  - call: _getSourcesForUser\n    with: {user: alice}\n    expect: {source: []}\n", code: .unknownKey, line: 9, field: "steps[0].expect.source"),
        Mistake(name: "unknown matcher kind", text: "  - call: _getSourcesForUser\n    with: {user: alice}\n    expect: {sources: [{id: {any: uuid}}]}\n", code: .invalidValue, line: 9, field: "steps[0].expect.sources[0].id.any"),
        Mistake(name: "unknown fault kind", text: "  - faults:\n      - match: {path: /api/v1/courses}\n        fault: {kind: explode}\n", code: .invalidCommand, line: 9, field: "steps[0].faults[0].fault.kind"),
        Mistake(name: "unknown fault match key", text: "  - faults:\n      - match: {pth: /api/v1/courses}\n        fault: {kind: reset}\n", code: .unknownKey, line: 8, field: "steps[0].faults[0].match.pth"),
        Mistake(name: "world change without its id", text: "  - canvas: {change: update_assignment, name: X}\n", code: .invalidCommand, line: 7, field: "steps[0].canvas.id"),
        Mistake(name: "invalid level", text: header.replacing("level: MUST", with: "level: MAY"), code: .invalidValue, line: 4, field: "level", whole: true),
        Mistake(name: "action error given as a message", text: "  - call: disconnectSource\n    with: {sourceAccount: x}\n    expect: {error: \"no such source\"}\n", code: .invalidValue, line: 9, field: "steps[0].expect.error"),
        Mistake(name: "a wait longer than five seconds", text: "  - wait: 30\n", code: .invalidValue, line: 7, field: "steps[0].wait"),
        Mistake(name: "compared binding never bound", text: "  - call: _getSourcesForUser\n    with: {user: alice}\n    expect: {sources: [{id: {not: $s7}}]}\n", code: .unknownBinding, line: 9, field: "steps[0].expect.sources[0].id.not"),
    ]

    @Test("A mistake is reported with file, line and field", arguments: mistakes)
    func mistakeIsLocated(_ mistake: Mistake) throws {
        let text = mistake.whole ? mistake.text + "  - mark\n" : Self.header + mistake.text
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioTestSupport.loader.parse(text, file: "mistake.yaml")
        }
        #expect(error?.code == mistake.code, "\(error.map(String.init(describing:)) ?? "no error")")
        #expect(error?.file == "mistake.yaml")
        #expect(error?.line == mistake.line, "\(error.map(String.init(describing:)) ?? "no error")")
        #expect(error?.field == mistake.field, "\(error.map(String.init(describing:)) ?? "no error")")
    }

    @Test("YAML syntax errors carry the line")
    func syntaxError() {
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioTestSupport.loader.parse(Self.header + "  - call: [unclosed\n", file: "broken.yaml")
        }
        #expect(error?.code == .syntax)
        #expect(error?.line != nil)
    }

    @Test("A missing world file names the scenario's world field")
    func missingWorld() {
        let text = Self.header.replacing("worlds/basic.yaml", with: "worlds/nope.yaml") + "  - mark\n"
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioTestSupport.loader.parse(text, file: "noworld.yaml")
        }
        #expect(error?.code == .unreadableFile)
        #expect(error?.field == "world")
        #expect(error?.line == 5)
    }

    @Test("Two files with one id: the second is an error, the first loads")
    func duplicateIDs() {
        let file = ScenarioTestSupport.scenariosRoot + "/connect/connect-duplicate-name.yaml"
        let loaded = ScenarioTestSupport.loader.load(files: [file, file])
        #expect(loaded.scenarios.count == 1)
        #expect(loaded.errors.map(\.code) == [.duplicateID])
    }
}

import ConformanceKit
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Expectations files (as web-platform-tests keeps them) and the classification of results.
@Suite("Implementation expectations")
struct ScenarioExpectationsTests {
    static let file = """
        # known results of a hypothetical implementation
        connect.duplicate-name-before-credentials:
          expected: FAIL
          reason: validates the token first (issue 12)
        faults.transient-503:
          expected: FLAKY
          reason: retries sometimes
        poll.stall:
          expected: FAIL
          reason: no timeout yet
        renamed.scenario:
          expected: FAIL
          reason: stale
        """

    func verdict(_ id: String, _ outcome: ScenarioVerdict.Outcome, level: ScenarioLevel = .must) -> ScenarioVerdict {
        var verdict = ScenarioVerdict.loadError(ScenarioError(.syntax, "x", location: .init(file: id)))
        verdict.scenarioID = id
        verdict.outcome = outcome
        verdict.level = level
        verdict.reason = outcome == .pass ? nil : "why"
        return verdict
    }

    @Test("Parses ids, statuses, reasons and lines")
    func parse() throws {
        let expectations = try ImplementationExpectations.parse(Self.file, file: "impl.yaml")
        try #require(expectations.entries.map(\.scenarioID) == ["connect.duplicate-name-before-credentials", "faults.transient-503", "poll.stall", "renamed.scenario"])
        #expect(expectations.entries.map(\.status) == [.fail, .flaky, .fail, .fail])
        #expect(expectations.entries[0].reason == "validates the token first (issue 12)")
        #expect(expectations.entries[0].line == 3)
    }

    @Test("Classifies: expected failure, unexpected failure, unexpected pass, flaky, tolerated, skipped, stale")
    func classify() throws {
        let expectations = try ImplementationExpectations.parse(Self.file, file: "impl.yaml")
        let verdicts = [
            verdict("connect.duplicate-name-before-credentials", .fail, level: .should),
            verdict("faults.transient-503", .pass),
            verdict("poll.stall", .pass),
            verdict("poll.server-error", .fail, level: .should),
            verdict("interp.vanished-assignment", .fail, level: .info),
            verdict("connect.invalid-token", .error),
            verdict("security.token-not-echoed", .skip),
            verdict("principle.trace", .pass),
        ]
        let strict = expectations.classify(verdicts)
        #expect(strict.items.map(\.kind) == [
            .expectedFailure, .expectedPass, .unexpectedPass, .unexpectedFailure, .toleratedFailure, .unexpectedFailure, .skipped, .expectedPass,
        ])
        #expect(strict.failsRun)
        #expect(strict.staleEntries.map(\.scenarioID) == ["renamed.scenario"])
        #expect(strict.summary.contains("unexpected-pass poll.stall"))

        let compat = expectations.classify(verdicts, tolerating: [.should, .info])
        try #require(compat.items.count > 3, "\(compat.items.map(\.kind))")
        #expect(compat.items[3].kind == .toleratedFailure)
        #expect(compat.failsRun)  // the error of connect.invalid-token is still unexpected

        let clean = expectations.classify(Array(verdicts.prefix(5)), tolerating: [.should, .info])
        #expect(!clean.failsRun)
    }

    @Test("An unexpected pass of a race scenario suggests FLAKY; of any other, removing the entry")
    func unexpectedPassAdvice() throws {
        let expectations = try ImplementationExpectations.parse(Self.file, file: "impl.yaml")
        var race = verdict("poll.stall", .pass)
        race.features = ["canvas", "concurrency"]
        let advice = expectations.classify([verdict("poll.stall", .pass), race]).items.map(\.unexpectedPassAdvice)
        try #require(advice.count == 2)
        #expect(advice[0] == "remove it from the expectations file")
        #expect(advice[1].contains("mark it FLAKY"), "\(advice[1])")
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var text: String
        var code: ScenarioError.Code
        var line: Int
        var field: String
        var testDescription: String { field }
    }

    static let mistakes = [
        Mistake(text: "poll.stall:\n  expected: PASS\n  reason: x\n", code: .invalidValue, line: 2, field: "poll.stall.expected"),
        Mistake(text: "poll.stall:\n  expected: FAIL\n", code: .missingKey, line: 2, field: "poll.stall"),
        Mistake(text: "poll.stall:\n  expected: FAIL\n  reason: x\n  bug: 12\n", code: .unknownKey, line: 4, field: "poll.stall.bug"),
        Mistake(text: "a.b:\n  expected: FAIL\n  reason: x\n\"Not An Id\":\n  expected: FAIL\n  reason: y\n", code: .invalidValue, line: 5, field: "Not An Id"),
        Mistake(text: "poll.stall: FAIL\n", code: .wrongType, line: 1, field: "poll.stall"),
    ]

    @Test("Errors name file, line and field", arguments: mistakes)
    func errors(_ mistake: Mistake) {
        let error = #expect(throws: ScenarioError.self) { try ImplementationExpectations.parse(mistake.text, file: "impl.yaml") }
        #expect(error?.code == mistake.code, "\(error.map(String.init(describing:)) ?? "")")
        #expect(error?.file == "impl.yaml")
        #expect(error?.line == mistake.line, "\(error.map(String.init(describing:)) ?? "")")
        #expect(error?.field == mistake.field, "\(error.map(String.init(describing:)) ?? "")")
    }

    @Test("A run id names the source type it ran on", arguments: [
        ("principle.trace[github-classroom]", true), ("principle.trace", true), ("principle.trace[moodle]", false), ("principle.trace[canvas]", false),
    ])
    func runIDsWithASourceSuffix(id: String, valid: Bool) throws {
        let text = "\(id):\n  expected: FAIL\n  reason: known\n"
        if valid {
            #expect(try ImplementationExpectations.parse(text).entries.map(\.scenarioID) == [id])
        } else {
            #expect(throws: ScenarioError.self) { try ImplementationExpectations.parse(text) }
        }
        #expect(SourcePlatform.splitRunID(id).map { "\($0.scenarioID)|\($0.platform.shortName)" } == (id.hasSuffix("[github-classroom]") ? "principle.trace|github-classroom" : nil))
    }
}

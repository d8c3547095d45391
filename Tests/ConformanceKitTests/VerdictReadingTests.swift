@testable import ConformanceKit
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// What a person reads of a run: INFO never fails it, unexpected results group by root cause, and
/// mismatches name what is missing and unexpected in a few lines.
@Suite struct VerdictReadingTests {
    func verdict(_ id: String, _ outcome: ScenarioVerdict.Outcome, level: ScenarioLevel = .must, failure: ScenarioFailure? = nil, reason: String = "why") -> ScenarioVerdict {
        var verdict = ScenarioVerdict.loadError(ScenarioError(.syntax, "x", location: .init(file: id)))
        verdict.scenarioID = id
        verdict.outcome = outcome
        verdict.level = level
        verdict.reason = reason
        verdict.failure = failure
        verdict.errorCode = outcome == .error ? "timeout" : nil
        return verdict
    }

    @Test(arguments: [[ScenarioLevel.info], [.should, .info]])
    func anInfoScenarioNeverFailsTheRunNotEvenByAnError(tolerating: Set<ScenarioLevel>) {
        let verdicts = [verdict("interp.a", .fail, level: .info), verdict("interp.b", .error, level: .info)]
        let classification = ImplementationExpectations(entries: []).classify(verdicts, tolerating: tolerating)
        #expect(classification.items.map(\.kind) == [.toleratedFailure, .toleratedFailure])
        #expect(!classification.failsRun)
        // A MUST error still fails it.
        #expect(ImplementationExpectations(entries: []).classify([verdict("connect.x", .error)], tolerating: tolerating).failsRun)
    }

    static func leak(_ id: String, step: Int, source: String) -> ScenarioFailure {
        ScenarioFailure(
            step: step, line: step * 3, summary: "_getSourcesForUser {user: \"\(id)-alice\"}",
            mismatch: Mismatch(path: "secrecy", expected: "no apiToken in any answer", actual: "an apiToken given to connectSource (not shown)", detail: "where: …\(source)…"))
    }

    /// Counts are written in good English (`1 element`, `2 elements`) and still make one cause.
    @Test func oneElementAndManyElementsAreOneCause() throws {
        func failure(_ expected: Int, _ actual: Int) -> ScenarioFailure {
            ScenarioFailure(
                step: 3, line: 12, summary: "identifyChanges {sourceAccount: \"s\"}",
                mismatch: Mismatch(path: "assignmentsToProcess", expected: "a set of \(Matcher.elements(expected))", actual: Matcher.elements(actual)))
        }
        #expect(Matcher.elements(1) == "1 element" && Matcher.elements(0) == "0 elements" && Matcher.elements(3) == "3 elements")
        let groups = RootCauseGroup.groups([verdict("a", .fail, failure: failure(0, 1)), verdict("b", .fail, failure: failure(2, 3))])
        try #require(groups.count == 1, "\(groups.map(\.cause.description))")
        #expect(groups[0].cause.description.hasSuffix("expected a set of N elements, got N elements"), "\(groups[0].cause.description)")
    }

    @Test func oneCauseSeenByManyScenariosIsOneGroupWithItsCount() throws {
        let count = ScenarioFailure(
            step: 2, line: 9, summary: "pollExternalSource {sourceAccount: \"source-7\"}",
            mismatch: Mismatch(path: "rawExternalAssignments", expected: "4 elements", actual: "3 elements"))
        let otherCount = ScenarioFailure(
            step: 4, line: 20, summary: "pollExternalSource {sourceAccount: \"source-2\"}",
            mismatch: Mismatch(path: "rawExternalAssignments", expected: "12 elements", actual: "9 elements"))
        let verdicts = (1...22).map { verdict("s\($0)", .fail, failure: Self.leak("r\($0)", step: $0 % 5 + 1, source: "src-\($0)")) }
            + [verdict("poll.a", .fail, failure: count), verdict("poll.b", .fail, failure: otherCount)]
            + [verdict("connect.c", .error, reason: "step 1 (line 9): connectSource: timeout: no complete answer within 10 seconds")]
            + [verdict("ok", .pass), verdict("skipped", .skip)]
        let groups = RootCauseGroup.groups(verdicts)
        try #require(groups.count == 3, "\(groups.map(\.cause.description))")
        #expect(groups[0].verdicts.count == 22)
        #expect(groups[0].cause.description == "FAIL _getSourcesForUser at secrecy: expected no apiToken in any answer, got an apiToken given to connectSource (not shown)")
        #expect(groups[1].verdicts.map(\.scenarioID) == ["poll.a", "poll.b"], "ids and numbers do not split a cause")
        #expect(groups[1].cause.rule == "rawExternalAssignments")
        #expect(groups[2].cause.outcome == .error)
        #expect(groups[2].cause.call == "connectSource")
        #expect(groups[2].cause.message.contains("within N seconds"), "\(groups[2].cause.message)")
        #expect(groups[0].cause.key.hasPrefix("rc-") && groups[0].cause.key.count == 11)
        #expect(Set(groups.map(\.cause.key)).count == 3)
    }

    @Test func aSetMismatchNamesTheMissingAndUnexpectedByExternalIdInAFewLines() throws {
        let expected = Matcher.set([
            .object([.init("externalId", .value(.string("50001"))), .init("name", .value(.string("A")))]),
            .object([.init("externalId", .value(.string("50002"))), .init("name", .value(.string("B")))]),
        ])
        let long = String(repeating: "x", count: 5_000)
        let actual = ScenarioValue.list((0..<40).map { index in
            .object(["externalId": .string("6\(index)"), "name": .string("N"), "details": .object(["description": .string(long)])])
        })
        var context = MatchContext(bindings: ScenarioBindings(), builtins: ScenarioBindings(), policy: .inProcess)
        let mismatch = try #require(expected.match(actual, at: "rawExternalAssignments", context: &context))
        let text = mismatch.description
        #expect(text.contains("missing (2)"), "\(text)")
        #expect(text.contains("unexpected (40)"), "\(text)")
        #expect(text.contains("externalId=60"), "\(text)")
        #expect(text.contains("… and 35 more"), "\(text)")
        #expect(text.count < 1_200, "\(text.count) characters:\n\(text)")

        let count = try #require(Matcher.count(2).match(actual, at: "rawExternalAssignments", context: &context))
        #expect(count.expected == "2 elements" && count.actual == "40 elements")
        #expect(count.description.count < 600, "\(count.description)")
        #expect(count.detail?.contains("answered (40):\n  - externalId=60") == true, "\(count.description)")
    }
}

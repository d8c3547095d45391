import ConformanceKit
import ConceptValues
import KitPrimitives
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The invariant function fires on hand-made violations and stays quiet on a consistent state.
@Suite struct CheckerInvariantsTests {
    typealias F = CheckerFixtures

    /// ada's source-1 (two mappings) disconnected, then source-2 (no mappings) reconnected as "Canvas"; bo has nothing.
    static let model: SyncModel = {
        var model = F.mappedModel()
        model.apply(.disconnectSource(sourceAccount: "source-1"), result: .empty, platform: F.platform())
        model.apply(F.connect(), result: .sourceAccount("source-2"), platform: F.platform())
        return model
    }()

    static let live = SourceView(id: "source-2", owner: "ada", sourceType: "Canvas", sourceName: "Canvas", baseUrl: F.details.baseUrl, lastSuccessfulPoll: .never)

    /// The answers a correct implementation gives to ``StateProbe/queries(for:owners:)``.
    static func consistentAnswers() -> [StateProbe.Answer] {
        StateProbe.queries(for: model, owners: ["ada", "bo"]).map { call in
            switch call {
            case .getSourcesForUser(let user): .init(call, .sources(user == "ada" ? [live] : []))
            case .getAssignmentsForSource("source-2"): .init(call, .assignments([]))
            case .getAssignmentsForSource: .init(call, ModelJudgingTests.error(nil, .query, "Source account not found"))
            case .getMappedInternalId(let externalId, let id):
                .init(call, ModelJudgingTests.error(nil, .query, "External assignment with ID '\(externalId)' not found for source '\(id)'"))
            default: .init(call, .empty)
            }
        }
    }

    static func check(_ answers: [StateProbe.Answer]) -> [Violation.Code] {
        Invariants.check(StateProbe(answers: answers), model: model, secrets: [F.token], step: 3).map(\.code)
    }

    static func replacing(_ call: ConceptCall, with result: ConceptResult) -> [StateProbe.Answer] {
        consistentAnswers().map { $0.call == call ? .init(call, result) : $0 }
    }

    @Test func theProbeAsksForEverySourceAndTheDelinkedOnes() {
        #expect(StateProbe.queries(for: Self.model, owners: ["ada", "bo"]) == [
            .getSourcesForUser(user: "ada"), .getSourcesForUser(user: "bo"), .getAssignmentsForSource(sourceAccount: "source-2"),
            .getAssignmentsForSource(sourceAccount: "source-1"), .getMappedInternalId(externalId: "50001", sourceAccount: "source-1"),
            .getMappedInternalId(externalId: "50002", sourceAccount: "source-1"),
        ])
    }

    @Test func aConsistentStateBreaksNothing() {
        #expect(Self.check(Self.consistentAnswers()).isEmpty)
    }

    @Test func aDisconnectedSourceThatStillAnswersBreaksDelink() {
        let mapped = Self.replacing(.getMappedInternalId(externalId: "50001", sourceAccount: "source-1"), with: .internalId("app-1"))
        #expect(Self.check(mapped) == [.delink])
        let listed = Self.replacing(.getAssignmentsForSource(sourceAccount: "source-1"), with: .assignments([]))
        #expect(Self.check(listed) == [.delink])
        var gone = Self.live
        gone.id = "source-1"
        let stillListed = Self.replacing(.getSourcesForUser(user: "ada"), with: .sources([Self.live, gone]))
        #expect(Self.check(stillListed) == [.delink])
    }

    @Test func twoMappingsForOneExternalIdBreakNoDuplicates() {
        let mapping = MappingView(externalId: "1", internalAssignment: "a", lastExternalModificationTimestamp: F.now)
        #expect(Self.check(Self.replacing(.getAssignmentsForSource(sourceAccount: "source-2"), with: .assignments([mapping, mapping]))) == [.duplicateMapping])
    }

    @Test func oldMappingsUnderAReconnectedNameAreResurrections() {
        let old = MappingView(externalId: "50001", internalAssignment: "app-1", lastExternalModificationTimestamp: F.now)
        #expect(Self.check(Self.replacing(.getAssignmentsForSource(sourceAccount: "source-2"), with: .assignments([old]))) == [.reconnectResurrected])
        let other = MappingView(externalId: "77", internalAssignment: "x", lastExternalModificationTimestamp: F.now)
        #expect(Self.check(Self.replacing(.getAssignmentsForSource(sourceAccount: "source-2"), with: .assignments([other]))) == [.mappingsDiffer])
    }

    @Test func aTokenAnywhereInAnAnswerIsALeak() {
        var leaky = Self.live
        leaky.baseUrl = F.details.baseUrl + "?access_token=" + F.token
        let codes = Self.check(Self.replacing(.getSourcesForUser(user: "ada"), with: .sources([leaky])))
        #expect(codes.contains(.tokenLeak))
        let message = ModelJudgingTests.error("NetworkError", .action, "GET /api?access_token=\(F.token) failed")
        #expect(Invariants.tokenLeak(in: .init(.pollExternalSource(sourceAccount: "s"), message), secrets: [F.token], step: 1, phase: .commands) != nil)
    }

    @Test func aWrongLastSuccessfulPollOrAMissingSourceIsReported() {
        var polled = Self.live
        polled.lastSuccessfulPoll = .at(F.now)
        #expect(Self.check(Self.replacing(.getSourcesForUser(user: "ada"), with: .sources([polled]))) == [.lastSuccessfulPoll])
        #expect(Self.check(Self.replacing(.getSourcesForUser(user: "ada"), with: .sources([]))) == [.sourcesDiffer])
        #expect(Self.check(Self.replacing(.getSourcesForUser(user: "bo"), with: .sources([Self.live]))) == [.sourcesDiffer], "other owners untouched")
    }
}

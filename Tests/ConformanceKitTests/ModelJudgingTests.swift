import ConformanceKit
import ConceptValues
import KitPrimitives
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// How the model judges answers: shapes, duplicates, messages, and the transport's leniencies.
@Suite struct ModelJudgingTests {
    typealias F = CheckerFixtures

    static func error(_ name: String?, _ kind: ConceptError.Kind = .action, _ message: String = "m") -> ConceptResult {
        .error(ConceptError(kind: kind, name: name, message: message))
    }

    @Test func identifyMustListEachExternalIdOnceAndExactlyTheChanges() {
        let model = F.mappedModel()
        let call = ConceptCall.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: [F.raw("9")])
        let expected = model.expectation(for: call, platform: F.platform())
        let item = AssignmentToProcess(F.raw("9"), existingInternalId: nil)
        #expect(expected.judge(.assignmentsToProcess([item]), policy: .inProcess) == nil)
        #expect(expected.judge(.assignmentsToProcess([item, item]), policy: .inProcess)?.expected == "each externalId once")
        #expect(expected.judge(.assignmentsToProcess([]), policy: .inProcess) != nil)
        var renamed = item
        renamed.details.name = "other"
        #expect(expected.judge(.assignmentsToProcess([renamed]), policy: .inProcess) != nil, "the details given are echoed")
        #expect(expected.judge(.rawExternalAssignments([]), policy: .inProcess) != nil, "wrong shape")
    }

    @Test func mappingsMustBeUniquePerExternalIdAndEqualTheModel() {
        let expected = F.mappedModel().expectation(for: .getAssignmentsForSource(sourceAccount: "source-1"), platform: F.platform())
        let first = MappingView(externalId: "50001", internalAssignment: "app-1", lastExternalModificationTimestamp: F.now)
        let second = MappingView(externalId: "50002", internalAssignment: "app-2", lastExternalModificationTimestamp: F.now.advanced(bySeconds: 60))
        #expect(expected.judge(.assignments([second, first]), policy: .inProcess) == nil)
        #expect(expected.judge(.assignments([first, second, first]), policy: .inProcess)?.expected.hasPrefix("at most one mapping") == true)
        var stale = second
        stale.lastExternalModificationTimestamp = F.now
        #expect(expected.judge(.assignments([first, stale]), policy: .inProcess) != nil)
        stale.lastExternalModificationTimestamp = nil
        #expect(expected.judge(.assignments([first, stale]), policy: .inProcess) == nil, "a field not sent is not checked")
    }

    @Test func queryErrorsCarryTheSpecsExactMessage() {
        let expected = F.mappedModel().expectation(for: .getMappedInternalId(externalId: "7", sourceAccount: "source-1"), platform: F.platform())
        let exact = Self.error(nil, .query, "External assignment with ID '7' not found for source 'source-1'")
        #expect(expected.judge(exact, policy: .inProcess) == nil)
        #expect(expected.judge(Self.error(nil, .query, "not found"), policy: .inProcess) != nil)
        #expect(expected.judge(Self.error(nil, .query, "not found"), policy: ModelPolicy(match: .compat6104)) == nil, "compat: free text")
    }

    @Test func unnamedErrorsPassOnlyInTheCompatProfile() {
        let expected = F.mappedModel().expectation(for: .disconnectSource(sourceAccount: "gone"), platform: F.platform())
        #expect(expected.judge(Self.error("SourceNotFound"), policy: .inProcess) == nil)
        #expect(expected.judge(Self.error(nil), policy: .inProcess) != nil)
        #expect(expected.judge(Self.error(nil), policy: ModelPolicy(match: .compat6104)) == nil)
        #expect(expected.judge(.empty, policy: ModelPolicy(match: .compat6104)) != nil, "an error is still required")
    }

    @Test func lastSuccessfulPollMustBePresentUnlessCompat() {
        let model = F.mappedModel()
        let expected = model.expectation(for: .getSourcesForUser(user: "ada"), platform: F.platform())
        let view = SourceView(id: "source-1", owner: "ada", sourceType: "Canvas", sourceName: "Canvas", baseUrl: F.details.baseUrl, lastSuccessfulPoll: .never)
        #expect(expected.judge(.sources([view]), policy: .inProcess) == nil)
        var absent = view
        absent.lastSuccessfulPoll = .absent
        #expect(expected.judge(.sources([absent]), policy: .inProcess) != nil)
        #expect(expected.judge(.sources([absent]), policy: ModelPolicy(match: .compat6104)) == nil)
        var polled = view
        polled.lastSuccessfulPoll = .at(F.now)
        #expect(expected.judge(.sources([polled]), policy: .inProcess)?.path == "sources[id=source-1].lastSuccessfulPoll")
        var idOnly = SourceView(id: "source-1")
        idOnly.lastSuccessfulPoll = .never
        #expect(expected.judge(.sources([idOnly]), policy: .inProcess) == nil, "a source may be an id alone")
        #expect(expected.judge(.sources([view, view]), policy: .inProcess) != nil)
    }

    @Test func anImplementationClockMayNotRunBackwards() {
        var model = F.model([(F.connect(), .sourceAccount("s-1"))], policy: ModelPolicy(match: .strictHTTP))
        let poll = ConceptCall.pollExternalSource(sourceAccount: "s-1")
        model.apply(poll, result: .rawExternalAssignments([]), platform: F.platform([]))
        model.observeLastPoll(of: "s-1", .at(F.now))
        model.apply(poll, result: .rawExternalAssignments([]), platform: F.platform([]))
        let expected = model.expectation(for: .getSourcesForUser(user: "ada"), platform: F.platform())
        func view(_ stamp: SourceView.PollStamp) -> ConceptResult { .sources([SourceView(id: "s-1", lastSuccessfulPoll: stamp)]) }
        #expect(expected.judge(view(.at(F.now)), policy: model.policy) == nil, "two polls may share an instant")
        #expect(expected.judge(view(.at(F.now.advanced(bySeconds: 9))), policy: model.policy) == nil)
        #expect(expected.judge(view(.at(F.now.advanced(bySeconds: -1))), policy: model.policy) != nil)
        #expect(expected.judge(view(.never), policy: model.policy) != nil)
    }
}

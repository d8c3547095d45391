import ConformanceKit
import ConceptValues
import KitPrimitives
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The executable model's answers on hand-written traces.
@Suite struct ModelTests {
    typealias F = CheckerFixtures

    @Test func aConnectAddsASourceThatWasNeverPolled() {
        var model = SyncModel()
        let expected = model.expectation(for: F.connect(), platform: F.platform())
        #expect(expected.success == .newSource(notIn: []))
        #expect(expected.errors == .none)
        model.apply(F.connect(), result: .sourceAccount("s-1"), platform: F.platform())
        #expect(model.sources.map(\.id) == ["s-1"])
        #expect(model.sources.first?.lastPoll == LastPollExpectation.never)
        #expect(model.issuedIDs == ["s-1"])
    }

    @Test func aDuplicateNameIsDuplicateSourceErrorAndChangesNothing() {
        var model = F.model([(F.connect(), .sourceAccount("s-1"))])
        let expected = model.expectation(for: F.connect(), platform: F.platform())
        #expect(expected.success == nil)
        #expect(expected.errors == .action(["DuplicateSourceError"], level: .must))
        model.apply(F.connect(), result: .sourceAccount("s-2"), platform: F.platform())
        #expect(model.sources.map(\.id) == ["s-1"], "a disallowed answer does not move the model")
        // Per owner, and exact: another owner, or another spelling, is not a duplicate.
        #expect(model.expectation(for: F.connect("bo"), platform: F.platform()).errors == .none)
        #expect(model.expectation(for: F.connect(name: "canvas"), platform: F.platform()).errors == .none)
    }

    @Test func anUnsupportedTypeAllowsAnyErrorAndAnUnusableTokenIsInvalidCredentials() {
        let model = SyncModel()
        #expect(model.expectation(for: F.connect(type: "Moodle"), platform: F.platform()).errors == .anyAction)
        let revoked = model.expectation(for: F.connect(), platform: F.platform(nil))
        #expect(revoked.errors == .action(["InvalidCredentialsError"], level: .must))
        #expect(revoked.success == nil)
    }

    @Test func aTransientFaultAllowsTheMappedErrorOrACompleteResult() {
        let model = F.model([(F.connect(), .sourceAccount("s-1"))])
        let list = [F.raw("1"), F.raw("2")]
        let poll = ConceptCall.pollExternalSource(sourceAccount: "s-1")
        let unrecovered = model.expectation(for: poll, platform: F.platform(list, faults: ["throttle"]))
        #expect(unrecovered.errors == .action(["ApiRateLimitError"], level: .must))
        // No clean retry shows in the journal, yet a complete list stays allowed: the faulted request
        // may have been one an earlier call left in flight (a partial list never is).
        #expect(unrecovered.success == .rawAssignments(.exactly(list)))
        let retried = model.expectation(for: poll, platform: F.platform(list, faults: ["status"]))
        #expect(retried.errors == .action(["NetworkError"], level: .must))
        #expect(retried.success == .rawAssignments(.exactly(list)))
        let delayed = model.expectation(for: poll, platform: F.platform(list, faults: ["delay"]))
        #expect(delayed.success != nil)
        let connect = SyncModel().expectation(for: F.connect(), platform: F.platform([], faults: ["throttle"]))
        #expect(connect.errors == .action(["NetworkError"], level: .must), "throttling at connect is a NetworkError (interpretation 6)")
    }

    @Test func aPollMustReturnExactlyWhatTheTokenSees() {
        let model = F.model([(F.connect(), .sourceAccount("s-1"))])
        let list = [F.raw("1"), F.raw("2")]
        let expected = model.expectation(for: .pollExternalSource(sourceAccount: "s-1"), platform: F.platform(list))
        #expect(expected.judge(.rawExternalAssignments(list.reversed()), policy: .inProcess) == nil, "order is free")
        #expect(expected.judge(.rawExternalAssignments([list[0]]), policy: .inProcess) != nil, "a partial list fails")
        #expect(expected.judge(.rawExternalAssignments(list + [list[0]]), policy: .inProcess) != nil, "an id twice fails")
        let revoked = model.expectation(for: .pollExternalSource(sourceAccount: "s-1"), platform: F.platform(nil))
        #expect(revoked.errors == .action(["SourceConnectionError"], level: .must))
    }

    @Test func aPollDuringAWorldChangeMayShowEitherSide() {
        let model = F.model([(F.connect(), .sourceAccount("s-1"))])
        let before = [F.raw("1"), F.raw("2")]
        let after = before + [F.raw("3")]
        let platform = PlatformContext(now: F.now, visibleBefore: before, visibleAfter: after, firedFaults: ["world_change"])
        let expected = model.expectation(for: .pollExternalSource(sourceAccount: "s-1"), platform: platform)
        #expect(expected.judge(.rawExternalAssignments(before), policy: .inProcess) == nil)
        #expect(expected.judge(.rawExternalAssignments(after), policy: .inProcess) == nil)
        #expect(expected.judge(.rawExternalAssignments([F.raw("1")]), policy: .inProcess) != nil)
    }

    @Test func lastSuccessfulPollMovesOnlyOnSuccessToTheImplementationsClock() {
        var model = F.model([(F.connect(), .sourceAccount("s-1"))])
        let poll = ConceptCall.pollExternalSource(sourceAccount: "s-1")
        model.apply(poll, result: .error(ConceptError(kind: .action, name: "NetworkError", message: "")), platform: F.platform([], faults: ["status"]))
        #expect(model.source("s-1")?.lastPoll == LastPollExpectation.never, "a failed poll leaves it null")
        model.apply(poll, result: .rawExternalAssignments([]), platform: F.platform([]))
        #expect(model.source("s-1")?.lastPoll == .exactly(F.now))

        var own = F.model([(F.connect(), .sourceAccount("s-1"))], policy: ModelPolicy(match: .strictHTTP))
        own.apply(poll, result: .rawExternalAssignments([]), platform: F.platform([]))
        #expect(own.source("s-1")?.lastPoll == .sinceSuccess(notBefore: nil))
        own.observeLastPoll(of: "s-1", .at(F.now.advanced(bySeconds: 5)))
        #expect(own.source("s-1")?.lastPoll == .exactly(F.now.advanced(bySeconds: 5)), "pinned to what the implementation showed")
    }

    @Test func identifyReportsNewAndStrictlyNewerItemsWithTheirMapping() {
        let model = F.mappedModel()
        let raw = [F.raw("50001", -1), F.raw("50002", 60), F.raw("50003"), F.raw("50001", 0)]
        let expected = model.expectation(for: .identifyChanges(sourceAccount: "source-1", rawExternalAssignments: raw), platform: F.platform())
        // 50001: equal (newest of its two occurrences) is not a change; 50002: equal; 50003: new.
        #expect(expected.success == .assignmentsToProcess(["50003": [AssignmentToProcess(F.raw("50003"), existingInternalId: nil)]]))
        let newer = model.expectation(
            for: .identifyChanges(sourceAccount: "source-1", rawExternalAssignments: [F.raw("50002", 61), F.raw("50002", 30)]), platform: F.platform())
        #expect(newer.success == .assignmentsToProcess(["50002": [AssignmentToProcess(F.raw("50002", 61), existingInternalId: "app-2")]]))
        let quarter = RawExternalAssignment(
            externalId: "50001", details: F.raw("50001").details, externalModificationTimestamp: F.now.advanced(by: .milliseconds(250)))
        let subSecond = model.expectation(for: .identifyChanges(sourceAccount: "source-1", rawExternalAssignments: [quarter]), platform: F.platform())
        #expect(subSecond.success == .assignmentsToProcess(["50001": [AssignmentToProcess(quarter, existingInternalId: "app-1")]]), "instants, not text")
    }

    @Test func recordOverwritesEvenWithAnOlderTimestamp() {
        var model = F.mappedModel()
        let older = F.now.advanced(bySeconds: -3600)
        model.apply(
            .recordInternalSync(sourceAccount: "source-1", externalId: "50002", internalId: "app-9", externalModificationTimestamp: older),
            result: .empty, platform: F.platform())
        let mapping = model.source("source-1")?.mappings["50002"]
        #expect(mapping?.internalId == "app-9" && mapping?.timestamp == older)
    }

    @Test(arguments: [
        ConceptCall.pollExternalSource(sourceAccount: "nope"), .identifyChanges(sourceAccount: "nope", rawExternalAssignments: []),
        .recordInternalSync(sourceAccount: "nope", externalId: "1", internalId: "i", externalModificationTimestamp: CheckerFixtures.now),
    ])
    func anActionOnAnUnknownSourceIsSourceNotFoundAtShouldLevel(call: ConceptCall) {
        let expected = F.mappedModel().expectation(for: call, platform: F.platform())
        #expect(expected.errors == .action(["SourceNotFound"], level: .should))
        #expect(expected.success == nil)
        #expect(expected.judge(.error(ConceptError(kind: .action, name: "NetworkError", message: "")), policy: .inProcess) != nil)
        #expect(expected.judge(.error(ConceptError(kind: .action, name: "NetworkError", message: "")), policy: ModelPolicy(enforcesShouldLevel: false)) == nil)
    }

    @Test func disconnectDelinksEveryMappingAndLeavesOtherSourcesAlone() {
        var model = F.mappedModel()
        model.apply(F.connect("bo"), result: .sourceAccount("source-2"), platform: F.platform())
        model.apply(.disconnectSource(sourceAccount: "source-1"), result: .empty, platform: F.platform())
        #expect(model.sources.map(\.id) == ["source-2"])
        #expect(model.disconnected.first?.formerlyMapped == ["50001", "50002"])
        let mapped = model.expectation(for: .getMappedInternalId(externalId: "50001", sourceAccount: "source-1"), platform: F.platform())
        #expect(mapped.errors == .query("External assignment with ID '50001' not found for source 'source-1'"))
        let list = model.expectation(for: .getAssignmentsForSource(sourceAccount: "source-1"), platform: F.platform())
        #expect(list.errors == .query("Source account not found"))
        #expect(model.expectation(for: .disconnectSource(sourceAccount: "source-1"), platform: F.platform()).errors == .action(["SourceNotFound"], level: .must))
        #expect(model.expectation(for: .getAssignmentsForSource(sourceAccount: "source-2"), platform: F.platform()).success == .mappings([:]))
    }

    @Test func aReconnectUnderTheSameNameStartsEmptyWithAFreshId() {
        var model = F.mappedModel()
        model.apply(.disconnectSource(sourceAccount: "source-1"), result: .empty, platform: F.platform())
        let expected = model.expectation(for: F.connect(), platform: F.platform())
        #expect(expected.success == .newSource(notIn: ["source-1"]))
        #expect(expected.judge(.sourceAccount("source-1"), policy: .inProcess) != nil, "an old id is not fresh")
        model.apply(F.connect(), result: .sourceAccount("source-3"), platform: F.platform())
        #expect(model.source("source-3")?.mappings.isEmpty == true)
        #expect(model.source("source-3")?.earlierIDs == ["source-1"])
    }
}

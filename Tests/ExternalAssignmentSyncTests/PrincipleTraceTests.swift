import ExternalAssignmentSync
import KitPrimitives
import Testing

/// The spec's principle as one story, through the service, checking the invariants after every step.
@Suite struct PrincipleTraceTests {
    @Test func connectPollSyncChangeResyncDisconnect() async throws {
        let platform = [
            Fixtures.raw("50001", "2025-08-30T10:00:00Z", due: "2025-09-10T03:59:59Z"),
            Fixtures.raw("50002", "2025-08-30T11:00:00Z"),
            Fixtures.raw("50003", "2025-08-30T12:00:00Z", due: "2025-09-20T03:59:59Z"),
        ]
        let harness = ServiceHarness(connector: FakeConnector(assignments: platform))
        let service = harness.service

        // Connect: the connection is established and remembered, not yet polled.
        let source = try await service.connectSource(
            owner: Fixtures.alice,
            sourceType: "Canvas",
            sourceName: "6.104 Canvas",
            details: Fixtures.aliceDetails
        )
        #expect(try await service._getSourcesForUser(user: Fixtures.alice).map(\.id) == [source])
        #expect(harness.checkedState().source(source)?.lastSuccessfulPoll == nil)

        // Poll and identify: everything is new.
        let firstPoll = try await service.pollExternalSource(sourceAccount: source)
        #expect(firstPoll == platform)
        let firstChanges = try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: firstPoll)
        #expect(firstChanges.map(\.externalId) == ["50001", "50002", "50003"])
        #expect(firstChanges.allSatisfy { $0.existingInternalId == nil })

        // The application creates its assignments and records them.
        for change in firstChanges {
            try await service.recordInternalSync(
                sourceAccount: source,
                externalId: change.externalId,
                internalId: AssignmentID("assignment:\(change.externalId)"),
                externalModificationTimestamp: change.externalModificationTimestamp
            )
            _ = harness.checkedState()
        }

        // Polling again with nothing changed identifies nothing: no duplicates.
        let secondPoll = try await service.pollExternalSource(sourceAccount: source)
        #expect(try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: secondPoll) == [])

        // The platform edits one assignment (given with an offset); only it is reported, as an update.
        harness.connector.withState { $0.assignments[1] = Fixtures.raw("50002", "2025-09-02T08:00:00-04:00") }
        harness.clock.advance(bySeconds: 3600)
        let thirdPoll = try await service.pollExternalSource(sourceAccount: source)
        #expect(harness.checkedState().source(source)?.lastSuccessfulPoll == harness.clock.peek)
        let update = try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: thirdPoll)
        try #require(thirdPoll.count > 1, "the third poll still lists the edited assignment: \(thirdPoll)")
        #expect(update == [AssignmentToProcess(thirdPoll[1], existingInternalId: "assignment:50002")])
        let updated = try #require(update.first)
        try await service.recordInternalSync(
            sourceAccount: source,
            externalId: "50002",
            internalId: "assignment:50002",
            externalModificationTimestamp: updated.externalModificationTimestamp
        )
        #expect(try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: thirdPoll) == [])
        #expect(try await service._getAssignmentsForSource(sourceAccount: source).count == 3)

        // Disconnect delinks everything.
        try await service.disconnectSource(sourceAccount: source)
        #expect(try await service._getSourcesForUser(user: Fixtures.alice) == [])
        await #expect(throws: QueryError.sourceAccountNotFound) {
            try await service._getAssignmentsForSource(sourceAccount: source)
        }
        await #expect(throws: QueryError.mappingNotFound(externalId: "50001", sourceAccount: source)) {
            try await service._getMappedInternalId(externalId: "50001", sourceAccount: source)
        }
        await harness.expectError(.sourceNotFound) { try await service.pollExternalSource(sourceAccount: source) }
        #expect(harness.checkedState().mappingCount == 0)
    }
}

import ExternalAssignmentSync
import KitPrimitives
import Testing

/// identifyChanges, recordInternalSync, disconnectSource and the queries, through the service.
@Suite struct SyncServiceMappingTests {
    @Test func identifyAndRecordRoundTrip() async throws {
        let harness = ServiceHarness()
        let id = try await harness.connect()
        let raw = [Fixtures.raw("1", "2025-08-30T10:00:00Z")]
        #expect(
            try await harness.service.identifyChanges(sourceAccount: id, rawExternalAssignments: raw)
                == [AssignmentToProcess(raw[0], existingInternalId: nil)]
        )
        try await harness.record(id, "1", "a-1", "2025-08-30T10:00:00Z")
        #expect(try await harness.service.identifyChanges(sourceAccount: id, rawExternalAssignments: raw) == [])
        #expect(try await harness.service._getMappedInternalId(externalId: "1", sourceAccount: id) == "a-1")
        _ = harness.checkedState()
    }

    @Test func actionsOnAnUnknownSourceAreSourceNotFoundAndChangeNothing() async throws {
        let harness = ServiceHarness()
        _ = try await harness.connect()
        let before = harness.checkedState()
        await harness.expectError(.sourceNotFound) {
            try await harness.service.identifyChanges(
                sourceAccount: "nope",
                rawExternalAssignments: [Fixtures.raw("1", "2025-08-30T10:00:00Z")]
            )
        }
        await harness.expectError(.sourceNotFound) {
            try await harness.record("nope", "1", "a-1", "2025-08-30T10:00:00Z")
        }
        await harness.expectError(.sourceNotFound) { try await harness.service.disconnectSource(sourceAccount: "nope") }
        #expect(harness.checkedState() == before)
    }

    @Test func queryErrorsCarryTheSpecMessages() async throws {
        let harness = ServiceHarness()
        let id = try await harness.connect()
        do {
            _ = try await harness.service._getMappedInternalId(externalId: "42", sourceAccount: id)
            Issue.record("expected a query error")
        } catch {
            #expect(error.message == "External assignment with ID '42' not found for source 'source-1'")
        }
        do {
            _ = try await harness.service._getAssignmentsForSource(sourceAccount: "nope")
            Issue.record("expected a query error")
        } catch {
            #expect(error.message == "Source account not found")
        }
        #expect(try await harness.service._getAssignmentsForSource(sourceAccount: id) == [])
        #expect(try await harness.service._getSourcesForUser(user: Fixtures.bob) == [])
    }

    @Test func disconnectDelinksOnlyThatSource() async throws {
        let harness = ServiceHarness()
        let first = try await harness.connect()
        let second = try await harness.connect(name: "other")
        let bobs = try await harness.connect(owner: Fixtures.bob, details: Fixtures.bobDetails)
        for source in [first, second, bobs] {
            try await harness.record(source, "1", AssignmentID("\(source)-a1"), "2025-08-30T10:00:00Z")
        }
        try await harness.service.disconnectSource(sourceAccount: first)
        #expect(try await harness.service._getSourcesForUser(user: Fixtures.alice).map(\.id) == [second])
        #expect(try await harness.service._getAssignmentsForSource(sourceAccount: second).count == 1)
        #expect(try await harness.service._getAssignmentsForSource(sourceAccount: bobs).count == 1)
        #expect(harness.checkedState().mappingCount == 2)
        let again = try await harness.connect()
        #expect(again != first)
        #expect(try await harness.service._getAssignmentsForSource(sourceAccount: again) == [])
    }

    @Test func storeFailuresAreStorageErrorsWithoutTheToken() async {
        let service = SyncService(
            connectors: [Fixtures.canvas: FakeConnector()],
            store: FailingStore(),
            idGenerator: SequentialSourceAccountIDGenerator(),
            wallTime: { Fixtures.start },
            logger: LogCapture().makeLogger()
        )
        do {
            _ = try await service.connectSource(
                owner: Fixtures.alice,
                sourceType: Fixtures.canvas,
                sourceName: "x",
                details: Fixtures.aliceDetails
            )
            Issue.record("expected StorageError")
        } catch {
            #expect(error.code == .storageError)
            #expect(!error.description.contains(Fixtures.aliceToken))
        }
        do {
            _ = try await service._getSourcesForUser(user: Fixtures.alice)
            Issue.record("expected a query error")
        } catch {
            #expect(error.message == "StorageError: the store failed (Failure)")
        }
    }
}

/// A store whose every call fails, with a message that quotes a token (as a careless SQL error might).
struct FailingStore: SyncStore {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk full while writing token \(Fixtures.aliceToken)" }
    }

    func withState<Result: Sendable>(_ body: (inout SyncState) -> Result) async throws -> Result {
        throw Failure()
    }

    func readState<Result: Sendable>(_ body: (SyncState) -> Result) async throws -> Result {
        throw Failure()
    }
}

import ExternalAssignmentSync
import Foundation
import GRDB
import KitPrimitives
import Testing

/// Every command's changes are one transaction: a failure in the middle leaves the old state, on disk
/// and in the cache, and the service reports `StorageError` without quoting any data.
@Suite struct SQLiteAtomicityTests {
    /// Runs `body` with a store on a fresh file holding ``mapped(count:)`` (the seed, also given to
    /// `body`) and `trigger` installed (written while no store holds the file).
    static func withTriggeredStore(
        mappings count: Int, trigger: String, _ body: (SQLiteSyncStore, SyncState) async throws -> Void
    ) async throws {
        try await withDatabaseDirectory { files in
            let seed = mapped(count: count)
            let store = try SQLiteSyncStore(path: files.path())
            try await SQLiteFixtures.replace(store, with: seed)
            try store.close()
            try files.withConnection { try $0.execute(sql: trigger) }
            try await body(try SQLiteSyncStore(path: files.path()), seed)
        }
    }

    /// Alice's source-1 with mappings "0" … "count-1".
    static func mapped(count: Int) -> SyncState {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        for index in 0..<count {
            state.apply(.recordInternalSync("source-1", externalId: String(index), internalId: AssignmentID("app-\(index)"), externalModificationTimestamp: Fixtures.start))
        }
        return state
    }

    @Test func disconnectRemovesTheSourceAndEveryMappingInOneTransaction() async throws {
        try await withDatabaseDirectory { files in
            let store = try SQLiteSyncStore(path: files.path(), options: .init(durability: .normal))
            var seed = Self.mapped(count: 5_000)
            seed.connectChecked(Fixtures.connectRequest(name: "other"), id: "source-2")
            seed.recordChecked("source-2", "1", "kept", "2025-08-30T10:00:00Z")
            try await SQLiteFixtures.replace(store, with: seed)
            let service = SQLiteFixtures.service(store)
            try await service.disconnectSource(sourceAccount: "source-1")
            let saved = try store.savedState()
            #expect(saved == (try store.snapshot))
            #expect(saved.source("source-1") == nil)
            #expect(saved.mappingCount == 1, "only the other source's mapping is left")
            #expect(try saved._getMappedInternalId("1", sourceAccount: "source-2").get() == "kept")
        }
    }

    @Test func aDisconnectThatFailsHalfwayLeavesTheSourceAndAllItsMappings() async throws {
        // The cascade fails on the 500th mapping it deletes.
        try await Self.withTriggeredStore(mappings: 1_000, trigger: """
            CREATE TRIGGER failHalfway BEFORE DELETE ON mapping WHEN OLD.externalId = '500'
            BEGIN SELECT RAISE(ABORT, 'injected failure tok-alice'); END
            """) { store, seed throws in
            let service = SQLiteFixtures.service(store)
            do throws(SyncError) {
                try await service.disconnectSource(sourceAccount: "source-1")
                Issue.record("the disconnect succeeded")
            } catch {
                #expect(error.code == .storageError)
                #expect(error.message == "the store failed (SQLiteStoreError)")
            }
            #expect(try store.snapshot == seed, "the cache was reloaded")
            #expect(try store.savedState() == seed, "the transaction was rolled back")
            // The store goes on working.
            try await service.recordInternalSync(sourceAccount: "source-1", externalId: "new", internalId: "app-new", externalModificationTimestamp: Fixtures.start)
            #expect(try store.savedState().mappingCount == 1_001)
        }
    }

    @Test func aBatchThatFailsMidTransactionLeavesTheOldState() async throws {
        try await Self.withTriggeredStore(mappings: 3, trigger: """
            CREATE TRIGGER failOnBoom BEFORE INSERT ON mapping WHEN NEW.externalId = 'boom'
            BEGIN SELECT RAISE(ABORT, 'injected'); END
            """) { store, seed throws in
            await #expect(throws: SQLiteStoreError.self) {
                try await store.withState { state in
                    for externalId in ["a", "b", "boom", "c"] {
                        state.apply(.recordInternalSync("source-1", externalId: externalId, internalId: "x", externalModificationTimestamp: Fixtures.start))
                    }
                    state.apply(.disconnectSource("source-1"))
                }
            }
            #expect(try store.snapshot == seed)
            #expect(try store.savedState() == seed)
        }
    }

    @Test func aFailedConnectOrPollChangesNothingAndNamesNoToken() async throws {
        try await Self.withTriggeredStore(mappings: 1, trigger: """
            CREATE TRIGGER failAll BEFORE INSERT ON source BEGIN SELECT RAISE(ABORT, 'no'); END;
            CREATE TRIGGER failPolls BEFORE UPDATE ON source BEGIN SELECT RAISE(ABORT, 'no'); END;
            """) { store, seed throws in
            let connector = FakeConnector(assignments: [Fixtures.raw("1", "2025-08-30T10:00:00Z")])
            let service = SQLiteFixtures.service(store, connector: connector)
            do throws(SyncError) {
                _ = try await service.connectSource(owner: Fixtures.bob, sourceType: Fixtures.canvas, sourceName: "x", details: Fixtures.bobDetails)
                Issue.record("connected")
            } catch {
                #expect(error.code == .storageError)
                #expect(!error.description.contains(Fixtures.bobToken))
            }
            do throws(SyncError) {
                _ = try await service.pollExternalSource(sourceAccount: "source-1")
                Issue.record("polled")
            } catch {
                #expect(error.code == .storageError)
            }
            #expect(try store.savedState() == seed)
            #expect(try store.snapshot == seed)
            #expect(try store.snapshot.source("source-1")?.lastSuccessfulPoll == nil)
        }
    }

    @Test func readsNeverTouchTheDiskAndCommandsThatChangeNothingWriteNothing() async throws {
        // Any write at all fails: only commands with no changes may succeed.
        try await Self.withTriggeredStore(mappings: 2, trigger: """
            CREATE TRIGGER noInsert BEFORE INSERT ON mapping BEGIN SELECT RAISE(ABORT, 'no'); END;
            CREATE TRIGGER noUpdate BEFORE UPDATE ON mapping BEGIN SELECT RAISE(ABORT, 'no'); END;
            """) { store, _ in
            let service = SQLiteFixtures.service(store)
            let changes = try await service.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: [Fixtures.raw("9", "2025-09-01T12:00:00Z")])
            #expect(changes.map(\.externalId) == ["9"])
            #expect(try await service._getAssignmentsForSource(sourceAccount: "source-1").count == 2)
            do throws(SyncError) {
                try await service.disconnectSource(sourceAccount: "missing")
            } catch {
                #expect(error.code == .sourceNotFound, "a failed command wrote nothing, so the store did not fail")
            }
        }
    }
}

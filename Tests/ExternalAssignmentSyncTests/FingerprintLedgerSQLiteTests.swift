import ExternalAssignmentSync
import Foundation
import GRDB
import KitPrimitives
import Testing

/// The SQLite store keeps fingerprint ledgers: written as deltas in the poll's transaction, restored
/// on reopen (so a restart loses no timestamp), and removed with their source.
@Suite struct FingerprintLedgerSQLiteTests {
    static let t0 = Fixtures.timestamp("2025-09-01T12:00:00.123456789Z")
    static let t1 = Fixtures.timestamp("2025-09-01T12:05:00Z")
    static let request = ConnectRequest(
        owner: Fixtures.alice, sourceType: "GitHub Classroom", sourceName: "6.104", details: Fixtures.aliceDetails)

    static func item(_ id: String, _ title: String, due: String? = nil) -> FingerprintedAssignment {
        FingerprintedAssignment(externalId: id, details: ExternalAssignmentDetails(name: title, dueDate: due.map(Fixtures.timestamp)))
    }

    static func poll(_ store: SQLiteSyncStore, _ items: [FingerprintedAssignment], at now: Timestamp, source: SourceAccountID = "source-1") async throws -> [RawExternalAssignment] {
        let effect = try await store.withState { $0.applyChecked(.finishPoll(source, outcome: .success(.fingerprinted(items)), now: now)) }
        guard case .polled(let list) = effect else { throw SyncError(code: .networkError, message: "\(effect)") }
        return list
    }

    static func ledgerRows(_ files: SQLiteFiles) throws -> Int {
        try files.withConnection { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM fingerprintLedger") ?? -1 }
    }

    @Test func reopeningKeepsTheLedgerSoUnchangedContentKeepsItsTimestamp() async throws {
        try await withDatabaseDirectory { files in
            let store = try SQLiteSyncStore(path: files.path())
            try await store.withState { $0.connectChecked(Self.request, id: "source-1") }
            try await store.withState { $0.connectChecked(ConnectRequest(owner: Fixtures.bob, sourceType: "GitHub Classroom", sourceName: "x", details: Fixtures.bobDetails), id: "source-2") }
            let items = [Self.item("80001", "Lab 1", due: "2025-09-10T03:59:59Z"), Self.item("80002", "Lab 2"), Self.item("80003", "Lab 3")]
            _ = try await Self.poll(store, items, at: Self.t0)
            _ = try await Self.poll(store, [Self.item("1", "Other")], at: Self.t0, source: "source-2")
            let before = try store.snapshot
            #expect(try store.savedState() == before)
            try store.close()

            let reopened = try SQLiteSyncStore(path: files.path())
            #expect(try reopened.snapshot == before, "ledgers included, to the nanosecond")
            let again = try await Self.poll(reopened, [Self.item("80001", "Lab 1", due: "2025-09-10T03:59:59Z"), Self.item("80002", "Lab 2 (v2)")], at: Self.t1)
            #expect(again.map(\.externalModificationTimestamp) == [Self.t0, Self.t1])
            #expect(try reopened.savedState() == reopened.snapshot, "the delta (one upsert, one delete) was written")
            try reopened.close()
            #expect(try Self.ledgerRows(files) == 3)
        }
    }

    @Test func anUnchangedPollWritesNoLedgerRowAndAFailedOneWritesNothing() async throws {
        try await withDatabaseDirectory { files in
            let store = try SQLiteSyncStore(path: files.path())
            try await store.withState { $0.connectChecked(Self.request, id: "source-1") }
            _ = try await Self.poll(store, [Self.item("1", "Lab 1")], at: Self.t0)
            let (_, changes) = try await store.withState { state in
                state.recordingChanges { $0.apply(.finishPoll("source-1", outcome: .success(.fingerprinted([Self.item("1", "Lab 1")])), now: Self.t1)) }
            }
            #expect(changes == [.polled("source-1", lastSuccessfulPoll: Self.t1)])
            let failure = SyncError(code: .networkError, message: "down")
            let before = try store.snapshot
            _ = try await store.withState { $0.applyChecked(.finishPoll("source-1", outcome: .failure(failure), now: Self.t1.advanced(bySeconds: 9))) }
            #expect(try store.savedState() == before)
            try store.close()
        }
    }

    @Test func disconnectingRemovesTheLedgerRowsAndAWholesaleReplacementWritesThem() async throws {
        try await withDatabaseDirectory { files in
            let store = try SQLiteSyncStore(path: files.path())
            try await store.withState { $0.connectChecked(Self.request, id: "source-1") }
            _ = try await Self.poll(store, [Self.item("1", "Lab 1"), Self.item("2", "Lab 2")], at: Self.t0)
            var copy = try store.snapshot
            try await store.withState { $0.applyChecked(.disconnectSource("source-1")) }
            #expect(try store.savedState() == store.snapshot)

            // Replacing the whole state rewrites every table, ledgers included.
            copy.connectChecked(ConnectRequest(owner: Fixtures.bob, sourceType: "GitHub Classroom", sourceName: "y", details: Fixtures.bobDetails), id: "source-5")
            let target = copy
            try await SQLiteFixtures.replace(store, with: target)
            #expect(try store.savedState() == target)
            try store.close()
            #expect(try Self.ledgerRows(files) == 2)
        }
    }
}

import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Testing

/// Concurrent calls through `SyncService` end in a state equal to some serial order of them, with the
/// in-memory store and with the SQLite store (whose cache must then also equal what it saved).
@Suite struct SQLiteConcurrencyTests {
    enum StoreKind: String, CaseIterable, Sendable {
        case memory, sqlite
    }

    /// Runs `body` with a fresh store of `kind`; for SQLite, checks afterwards that the file holds
    /// exactly the cache and that a reopen gives it back.
    static func withStore(_ kind: StoreKind, _ body: (any SyncStore) async throws -> Void) async throws {
        switch kind {
        case .memory:
            try await body(InMemorySyncStore())
        case .sqlite:
            try await withDatabaseDirectory { files in
                let store = try SQLiteSyncStore(path: files.path(), options: .init(durability: .normal))
                try await body(store)
                let cached = try store.snapshot
                #expect(try store.savedState() == cached)
                try store.close()
                #expect(try SQLiteSyncStore(path: files.path()).snapshot == cached)
            }
        }
    }

    static func state(of store: any SyncStore) async throws -> SyncState {
        let state = try await store.readState { $0 }
        #expect(state.invariantViolations() == [])
        return state
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentRecordsOfOneMappingLeaveExactlyOneWholeWrite(_ kind: StoreKind) async throws {
        try await Self.withStore(kind) { store in
            let service = SQLiteFixtures.service(store)
            let source = try await service.connectSource(owner: Fixtures.alice, sourceType: Fixtures.canvas, sourceName: "c", details: Fixtures.aliceDetails)
            let writes = (0..<200).map { (AssignmentID("a-\($0)"), Fixtures.start.advanced(bySeconds: Int64(($0 * 7919) % 200))) }
            await withTaskGroup(of: Void.self) { group in
                for (internalId, timestamp) in writes {
                    group.addTask {
                        try? await service.recordInternalSync(
                            sourceAccount: source, externalId: "1", internalId: internalId, externalModificationTimestamp: timestamp)
                    }
                }
            }
            let state = try await Self.state(of: store)
            #expect(state.mappingCount == 1)
            let record = try #require(state.record(source: source, externalId: "1"))
            #expect(writes.contains { $0.0 == record.internalAssignment && $0.1 == record.lastExternalModificationTimestamp })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentConnectsOfOneNameConnectExactlyOnce(_ kind: StoreKind) async throws {
        try await Self.withStore(kind) { store in
            let service = SQLiteFixtures.service(store, connector: FakeConnector(duringValidate: { await Task.yield() }))
            let codes = await withTaskGroup(of: SyncError.Code?.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        do throws(SyncError) {
                            _ = try await service.connectSource(
                                owner: Fixtures.alice, sourceType: Fixtures.canvas, sourceName: "same", details: Fixtures.aliceDetails)
                            return nil
                        } catch {
                            return error.code
                        }
                    }
                }
                return await group.reduce(into: [SyncError.Code?]()) { $0.append($1) }
            }
            #expect(codes.filter { $0 == nil }.count == 1)
            #expect(codes.compactMap { $0 }.allSatisfy { $0 == .duplicateSourceError })
            let sources = try await Self.state(of: store).sources
            #expect(sources.count == 1)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aMixedWorkloadEndsInASerialStateWithNoOrphans(_ kind: StoreKind) async throws {
        try await Self.withStore(kind) { store in
            let platform = (1...20).map { Fixtures.raw("\($0)", "2025-08-30T10:00:00Z") }
            let service = SQLiteFixtures.service(store, connector: FakeConnector(assignments: platform, duringFetch: { await Task.yield() }))
            var sources: [SourceAccountID] = []
            for index in 0..<6 {
                sources.append(try await service.connectSource(
                    owner: Fixtures.alice, sourceType: Fixtures.canvas, sourceName: "course \(index)", details: Fixtures.aliceDetails))
            }
            let workload = MixedWorkload(sources: sources)
            await workload.run(on: service)
            try workload.expectOutcome(in: try await Self.state(of: store), assignments: platform.count)
        }
    }
}

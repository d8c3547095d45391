import AsyncHTTPClient
import ExternalAssignmentSync
import KitPrimitives
import Logging
import MockCanvas
import MockServerCore
import Testing

/// The whole reference (service + Canvas connector) against the mock on loopback, with the mock's
/// virtual clock as the reference's wall time.
@Suite struct ReferenceOverMockCanvasTests {
    func withReference<R: Sendable>(
        world: CanvasWorld? = nil, _ body: (SyncService, MockCanvas, String) async throws -> R
    ) async throws -> R {
        try await withCanvasConnector(world: world) { canvas, connector, origin in
            let service = SyncService(
                connectors: ["Canvas": connector], idGenerator: SequentialSourceAccountIDGenerator(),
                wallTime: { canvas.now }, logger: CanvasFixtures.logger)
            return try await body(service, canvas, origin)
        }
    }

    @Test func thePrincipleAsOneTrace() async throws {
        try await withReference { service, canvas, origin in
            // The user connects Canvas with their credentials; the system remembers the connection.
            let source = try await service.connectSource(
                owner: "user:alice", sourceType: "Canvas", sourceName: "6.104 Canvas", details: CanvasFixtures.details("tok-alice", origin))
            #expect(try await service._getSourcesForUser(user: "user:alice").map(\.id) == [source])
            #expect(try await service._getSourcesForUser(user: "user:alice").first?.lastSuccessfulPoll == nil)

            // An update fetches the assignments; all are new the first time.
            try canvas.advanceClock(by: .seconds(60))
            let raw = try await service.pollExternalSource(sourceAccount: source)
            #expect(try await service._getSourcesForUser(user: "user:alice").first?.lastSuccessfulPoll == canvas.now)
            let first = try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: raw)
            #expect(first.count == 5)
            #expect(first.allSatisfy { $0.existingInternalId == nil })
            for item in first {
                try await service.recordInternalSync(
                    sourceAccount: source, externalId: item.externalId, internalId: AssignmentID("internal-\(item.externalId)"),
                    externalModificationTimestamp: item.externalModificationTimestamp)
            }

            // Nothing changed: nothing to process, so no duplicates are created.
            let again = try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: try await service.pollExternalSource(sourceAccount: source))
            #expect(again.isEmpty)

            // The platform edits one assignment (its updated_at moves): only it is reported, with its mapping.
            try canvas.advanceClock(by: .seconds(3600))
            try canvas.apply(.updateAssignment(id: 50002, .init(dueAt: .some(Timestamp.parse("2025-09-20T03:59:59Z")))))
            try canvas.apply(.addAssignment(course: 2002, CanvasAssignment(id: 60003, name: "Pset 3")))
            let changed = try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: try await service.pollExternalSource(sourceAccount: source))
            #expect(changed.map(\.externalId).sorted() == ["50002", "60003"])
            #expect(changed.first { $0.externalId == "50002" }?.existingInternalId == "internal-50002")
            #expect(changed.first { $0.externalId == "60003" }?.existingInternalId == nil)

            // Removing the connection delinks every external assignment.
            try await service.disconnectSource(sourceAccount: source)
            await #expect(throws: QueryError.self) { try await service._getAssignmentsForSource(sourceAccount: source) }
            await #expect(throws: QueryError.self) { try await service._getMappedInternalId(externalId: "50001", sourceAccount: source) }
            #expect(try await service._getSourcesForUser(user: "user:alice").isEmpty)
        }
    }

    @Test func aFailedPollLeavesLastSuccessfulPollAndMappingsUnchanged() async throws {
        try await withReference { service, canvas, origin in
            let source = try await service.connectSource(owner: "u", sourceType: "Canvas", sourceName: "c", details: CanvasFixtures.details("tok-alice", origin))
            _ = try await service.pollExternalSource(sourceAccount: source)
            let stamp = try await service._getSourcesForUser(user: "u").first?.lastSuccessfulPoll
            try canvas.advanceClock(by: .seconds(30))
            for fault in [Fault<CanvasWorldChange>.status(503, retryAfter: nil), .throttle(status: nil, retryAfter: nil), .transport(.reset), .truncatedBody] {
                try canvas.perform(.clearFaults)
                try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses/2002/assignments"), fault: fault)])
                await #expect(throws: SyncError.self) { _ = try await service.pollExternalSource(sourceAccount: source) }
                #expect(try await service._getSourcesForUser(user: "u").first?.lastSuccessfulPoll == stamp, "after \(fault.kind)")
            }
        }
    }

    @Test func aRevokedTokenMakesPollsFailWithSourceConnectionError() async throws {
        try await withReference { service, canvas, origin in
            let source = try await service.connectSource(owner: "u", sourceType: "Canvas", sourceName: "c", details: CanvasFixtures.details("tok-alice", origin))
            try canvas.apply(.revokeToken("tok-alice"))
            let error = await SyncError.caught { _ = try await service.pollExternalSource(sourceAccount: source) }
            #expect(error?.code == .sourceConnectionError)
        }
    }

    @Test func aDuplicateNameMakesNoPlatformRequest() async throws {
        try await withReference { service, canvas, origin in
            _ = try await service.connectSource(owner: "u", sourceType: "Canvas", sourceName: "c", details: CanvasFixtures.details("tok-alice", origin))
            let mark = canvas.nextJournalSequence
            let error = await SyncError.caught {
                _ = try await service.connectSource(owner: "u", sourceType: "Canvas", sourceName: "c", details: CanvasFixtures.details("tok-alice", origin))
            }
            #expect(error?.code == .duplicateSourceError)
            #expect(canvas.journal(after: mark - 1).isEmpty)
        }
    }

    @Test func concurrentPollsAndRecordsLeaveASerialState() async throws {
        try await withReference { service, _, origin in
            let source = try await service.connectSource(owner: "u", sourceType: "Canvas", sourceName: "c", details: CanvasFixtures.details("tok-alice", origin))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<8 {
                    group.addTask { _ = try await service.pollExternalSource(sourceAccount: source) }
                    group.addTask {
                        try await service.recordInternalSync(sourceAccount: source, externalId: "50001", internalId: AssignmentID("i\(i)"), externalModificationTimestamp: Timestamp(seconds: Int64(i)))
                    }
                }
                try await group.waitForAll()
            }
            let mappings = try await service._getAssignmentsForSource(sourceAccount: source)
            #expect(mappings.count == 1, "one mapping per (source, externalId) whatever the interleaving")
            let winner = try #require(mappings.first)
            #expect(winner.internalAssignment.rawValue == "i\(winner.lastExternalModificationTimestamp.seconds)", "the record that won wrote both fields")
        }
    }
}

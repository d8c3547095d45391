import ExternalAssignmentSync
import KitPrimitives
import Logging
import MockGitHubClassroom
import MockServerCore
import Testing

/// The reference service over the GitHub Classroom connector and the mock: fingerprint-derived
/// timestamps across polls, edits and restarts.
@Suite struct GitHubClassroomServiceTests {
    static let sourceType = "GitHub Classroom"

    /// A service with the connector, over `store`, on a manual clock.
    static func service(_ connector: GitHubClassroomConnector, store: any SyncStore = InMemorySyncStore(), clock: ManualWallClock) -> SyncService {
        SyncService(
            connectors: [sourceType: connector], store: store, idGenerator: SequentialSourceAccountIDGenerator(),
            wallTime: { clock.now() }, logger: Logger(label: "github-service-tests") { _ in SwiftLogNoOpLogHandler() })
    }

    /// A service with the connector, over `store`, on a manual clock, and Alice's "6.104" source
    /// connected through it to the mock at `origin`.
    static func connectedService(
        _ connector: GitHubClassroomConnector, origin: String, store: any SyncStore = InMemorySyncStore(), clock: ManualWallClock
    ) async throws -> (SyncService, SourceAccountID) {
        let service = service(connector, store: store, clock: clock)
        let source = try await service.connectSource(owner: Fixtures.alice, sourceType: sourceType, sourceName: "6.104", details: GitHubFixtures.details("tok-alice", origin))
        return (service, source)
    }

    /// externalId → stamp; a repeated externalId fails the test (instead of trapping in `Dictionary`).
    static func stamps(_ list: [RawExternalAssignment]) -> [String: Timestamp] {
        let ids = list.map(\.externalId)
        #expect(Set(ids).count == ids.count, "each externalId once: \(ids)")
        return Dictionary(list.map { ($0.externalId, $0.externalModificationTimestamp) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func pollingTwiceUnchangedGivesTheSameTimestampsAndNothingToProcess() async throws {
        try await withGitHubConnector { _, connector, origin in
            let clock = ManualWallClock()
            let (service, source) = try await Self.connectedService(connector, origin: origin, clock: clock)
            let first = try await service.pollExternalSource(sourceAccount: source)
            #expect(Set(first.map(\.externalModificationTimestamp)) == [Fixtures.start])
            for item in try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: first) {
                try await service.recordInternalSync(sourceAccount: source, externalId: item.externalId, internalId: AssignmentID(rawValue: "app-" + item.externalId),
                                                     externalModificationTimestamp: item.externalModificationTimestamp)
            }
            clock.advance(bySeconds: 600)
            let second = try await service.pollExternalSource(sourceAccount: source)
            #expect(second == first)
            #expect(try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: second).isEmpty)
        }
    }

    @Test func anEditedAssignmentAloneBecomesNewerAndInvisibleEditsChangeNothing() async throws {
        try await withGitHubConnector { github, connector, origin in
            let clock = ManualWallClock()
            let (service, source) = try await Self.connectedService(connector, origin: origin, clock: clock)
            let first = Self.stamps(try await service.pollExternalSource(sourceAccount: source))

            clock.advance(bySeconds: 60)
            try github.apply(.updateAssignment(id: 80002, .init(inviteLink: "https://classroom.github.com/a/new", invitationsEnabled: true, accepted: 41)))
            #expect(Self.stamps(try await service.pollExternalSource(sourceAccount: source)) == first, "fields the concept does not see")

            clock.advance(bySeconds: 60)
            let edited = clock.peek
            try github.apply(.updateAssignment(id: 80002, .init(title: "Problem Set 2 (revised)")))
            try github.apply(.updateAssignment(id: 80005, .init(deadline: .some(nil))))
            let after = Self.stamps(try await service.pollExternalSource(sourceAccount: source))
            var expected = first
            expected["80002"] = edited
            expected["80005"] = edited
            #expect(after == expected)
        }
    }

    @Test func aFailedPollKeepsTheLedgerSoTheNextPollStillSeesTheChange() async throws {
        try await withGitHubConnector { github, connector, origin in
            let clock = ManualWallClock()
            let (service, source) = try await Self.connectedService(connector, origin: origin, clock: clock)
            let first = try await service.pollExternalSource(sourceAccount: source)
            clock.advance(bySeconds: 60)
            try github.apply(.updateAssignment(id: 80001, .init(title: "PS1 v2")))
            try github.installFaults([FaultRule(match: FaultMatch(path: "/classrooms/7002/assignments", times: 1), fault: .status(503, retryAfter: nil))])
            let error = await SyncError.caught { _ = try await service.pollExternalSource(sourceAccount: source) }
            #expect(error?.code == .networkError)
            clock.advance(bySeconds: 60)
            let retried = try await service.pollExternalSource(sourceAccount: source)
            #expect(Self.stamps(retried)["80001"] == clock.peek)
            #expect(Self.stamps(retried)["80002"] == Self.stamps(first)["80002"])
        }
    }

    @Test func aRestartOnTheSQLiteStoreKeepsEveryTimestamp() async throws {
        try await withDatabaseDirectory { files in
            try await withGitHubConnector { github, connector, origin in
                let clock = ManualWallClock()
                let store = try SQLiteSyncStore(path: files.path())
                let (service, source) = try await Self.connectedService(connector, origin: origin, store: store, clock: clock)
                let before = try await service.pollExternalSource(sourceAccount: source)
                try store.close()

                clock.advance(bySeconds: 3600)
                let reopened = try SQLiteSyncStore(path: files.path())
                let restarted = Self.service(connector, store: reopened, clock: clock)
                #expect(try await restarted.pollExternalSource(sourceAccount: source) == before)
                try github.apply(.updateAssignment(id: 80003, .init(title: "Team Project (final)")))
                let after = Self.stamps(try await restarted.pollExternalSource(sourceAccount: source))
                #expect(after["80003"] == clock.peek)
                #expect(after.filter { $0.key != "80003" }.values.allSatisfy { $0 == Fixtures.start })
                try reopened.close()
            }
        }
    }
}

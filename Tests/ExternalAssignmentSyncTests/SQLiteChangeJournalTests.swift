import ExternalAssignmentSync
import KitPrimitives
import Testing

/// The core names the changes each command makes (what the SQLite store writes), and nothing for a
/// command that fails or only reads.
@Suite struct SQLiteChangeJournalTests {
    @Test func eachSuccessfulCommandNamesItsOneChange() throws {
        var state = SyncState()
        let request = Fixtures.connectRequest()
        let (connected, connectChanges) = state.recordingChanges {
            $0.apply(.finishConnect(request, outcome: .success(()), newID: "source-1"))
        }
        #expect(connected == .connected("source-1"))
        #expect(connectChanges == [.connected(try #require(state.source("source-1")))])

        let instant = Fixtures.timestamp("2025-09-01T12:00:00.5Z")
        let (_, pollChanges) = state.recordingChanges { $0.apply(.finishPoll("source-1", outcome: .success(.timestamped([])), now: instant)) }
        #expect(pollChanges == [.polled("source-1", lastSuccessfulPoll: instant)])

        let (_, recordChanges) = state.recordingChanges {
            $0.apply(.recordInternalSync("source-1", externalId: "7", internalId: "app-7", externalModificationTimestamp: instant))
        }
        #expect(recordChanges == [.recorded(ExternalAssignmentRecord(source: "source-1", externalId: "7", internalAssignment: "app-7", lastExternalModificationTimestamp: instant))])

        let (_, disconnectChanges) = state.recordingChanges { $0.apply(.disconnectSource("source-1")) }
        #expect(disconnectChanges == [.disconnected("source-1")])
        #expect(state == SyncState.after(connect: request, id: "source-1", disconnected: true), "recording leaves no trace in the state")
    }

    @Test func failuresPlatformStepsAndReadsRecordNothing() {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        let commands: [SyncCommand] = [
            .beginConnect(Fixtures.connectRequest()),
            .beginConnect(Fixtures.connectRequest(name: "new")),
            .finishConnect(Fixtures.connectRequest(name: "new"), outcome: .failure(SyncError(code: .invalidCredentialsError, message: "")), newID: "source-2"),
            .disconnectSource("missing"),
            .beginPoll("source-1"),
            .finishPoll("source-1", outcome: .failure(SyncError(code: .networkError, message: "")), now: Fixtures.start),
            .identifyChanges("source-1", rawExternalAssignments: [Fixtures.raw("1", "2025-08-30T10:00:00Z")]),
            .recordInternalSync("missing", externalId: "1", internalId: "a", externalModificationTimestamp: Fixtures.start),
        ]
        for command in commands {
            let (_, changes) = state.recordingChanges { $0.apply(command) }
            #expect(changes == [], "\(command)")
        }
    }

    @Test func aBatchNamesEveryChangeInOrderAndAReplacementNamesNone() {
        var state = SyncState()
        let (_, batch) = state.recordingChanges { state in
            state.apply(.finishConnect(Fixtures.connectRequest(), outcome: .success(()), newID: "source-1"))
            state.apply(.recordInternalSync("source-1", externalId: "1", internalId: "a", externalModificationTimestamp: Fixtures.start))
            state.apply(.disconnectSource("source-1"))
        }
        #expect(batch?.map(\.description) == ["connected(source-1)", #"recorded(source-1, "1")"#, "disconnected(source-1)"])
        let (_, replaced) = state.recordingChanges { $0 = SyncState() }
        #expect(replaced == nil, "a wholesale assignment is not a list of changes")
        #expect(state == SyncState())
    }
}

extension SyncState {
    /// The state after connecting `request` as `id` (and disconnecting it).
    static func after(connect request: ConnectRequest, id: SourceAccountID, disconnected: Bool) -> SyncState {
        var state = SyncState()
        state.apply(.finishConnect(request, outcome: .success(()), newID: id))
        if disconnected { state.apply(.disconnectSource(id)) }
        return state
    }
}

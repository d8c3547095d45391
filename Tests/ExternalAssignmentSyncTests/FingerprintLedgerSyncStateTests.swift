@testable import ExternalAssignmentSync
import KitPrimitives
import Testing

/// The ledger inside the pure core: committed only with a successful poll, dropped on disconnect,
/// journalled as a delta, and guarded by the `no-orphan-ledgers` invariant.
@Suite struct FingerprintLedgerSyncStateTests {
    static let t0 = Fixtures.timestamp("2025-09-01T12:00:00Z")
    static let t1 = Fixtures.timestamp("2025-09-01T12:05:00Z")

    static func item(_ id: String, _ title: String) -> FingerprintedAssignment {
        FingerprintedAssignment(externalId: id, details: ExternalAssignmentDetails(name: title))
    }

    static func connected() -> SyncState {
        var state = SyncState()
        state.connectChecked(ConnectRequest(owner: Fixtures.alice, sourceType: "GitHub Classroom", sourceName: "6.104", details: Fixtures.aliceDetails), id: "source-1")
        return state
    }

    static func poll(_ state: inout SyncState, _ items: [FingerprintedAssignment], at now: Timestamp) -> [RawExternalAssignment] {
        guard case .polled(let list) = state.applyChecked(.finishPoll("source-1", outcome: .success(.fingerprinted(items)), now: now)) else {
            Issue.record("the poll failed")
            return []
        }
        return list
    }

    @Test func aPollStampsCommitsTheLedgerAndSetsLastSuccessfulPollTogether() {
        var state = Self.connected()
        let first = Self.poll(&state, [Self.item("1", "Lab 1"), Self.item("2", "Lab 2")], at: Self.t0)
        #expect(first.map(\.externalModificationTimestamp) == [Self.t0, Self.t0])
        #expect(state.source("source-1")?.lastSuccessfulPoll == Self.t0)
        #expect(state.ledger(of: "source-1")?.entries.count == 2)

        let second = Self.poll(&state, [Self.item("1", "Lab 1"), Self.item("2", "Lab 2 (fixed)")], at: Self.t1)
        #expect(second.map(\.externalModificationTimestamp) == [Self.t0, Self.t1])
        #expect(state.source("source-1")?.lastSuccessfulPoll == Self.t1)
    }

    @Test func theApplicationSeesOnlyTheChangedItem() {
        var state = Self.connected()
        for raw in Self.poll(&state, [Self.item("1", "Lab 1"), Self.item("2", "Lab 2")], at: Self.t0) {
            state.applyChecked(.recordInternalSync("source-1", externalId: raw.externalId, internalId: AssignmentID(rawValue: "app-\(raw.externalId)"),
                                                   externalModificationTimestamp: raw.externalModificationTimestamp))
        }
        let unchanged = Self.poll(&state, [Self.item("1", "Lab 1"), Self.item("2", "Lab 2")], at: Self.t1)
        #expect(state.changes("source-1", unchanged).isEmpty)
        let changed = Self.poll(&state, [Self.item("1", "Lab 1"), Self.item("2", "Lab 2!")], at: Self.t1)
        #expect(state.changes("source-1", changed).map(\.externalId) == ["2"], "the clock did not move, yet the change is newer")
    }

    @Test(arguments: [SyncError.Code.networkError, .apiRateLimitError, .sourceConnectionError])
    func aFailedPollCommitsNothing(_ code: SyncError.Code) {
        var state = Self.connected()
        _ = Self.poll(&state, [Self.item("1", "Lab 1")], at: Self.t0)
        let before = state
        let failure = SyncError(code: code, message: "the platform failed")
        #expect(state.applyChecked(.finishPoll("source-1", outcome: .failure(failure), now: Self.t1)) == .failed(failure))
        #expect(state == before)
        let (_, changes) = state.recordingChanges { $0.apply(.finishPoll("source-1", outcome: .failure(failure), now: Self.t1)) }
        #expect(changes == [])
    }

    @Test func anEmptyPollStoresNoLedgerAndDisconnectDropsIt() {
        var state = Self.connected()
        _ = Self.poll(&state, [Self.item("1", "Lab 1")], at: Self.t0)
        _ = Self.poll(&state, [], at: Self.t1)
        #expect(state.ledger(of: "source-1") == nil)
        _ = Self.poll(&state, [Self.item("1", "Lab 1")], at: Self.t1)
        state.applyChecked(.disconnectSource("source-1"))
        #expect(state.ledger(of: "source-1") == nil)
        #expect(state == SyncState.after(connect: Self.connectRequest, id: "source-1", disconnected: true))
    }

    static let connectRequest = ConnectRequest(
        owner: Fixtures.alice, sourceType: "GitHub Classroom", sourceName: "6.104", details: Fixtures.aliceDetails)

    @Test func theJournalNamesTheLedgerDeltaAfterThePollAndNothingWhenUnchanged() {
        var state = Self.connected()
        let (_, first) = state.recordingChanges {
            $0.apply(.finishPoll("source-1", outcome: .success(.fingerprinted([Self.item("1", "Lab 1")])), now: Self.t0))
        }
        let entry = FingerprintLedger.Entry(fingerprint: Self.item("1", "Lab 1").fingerprint, modifiedAt: Self.t0)
        #expect(first == [.polled("source-1", lastSuccessfulPoll: Self.t0), .ledgerChanged("source-1", .init(upserted: ["1": entry]))])
        let (_, again) = state.recordingChanges {
            $0.apply(.finishPoll("source-1", outcome: .success(.fingerprinted([Self.item("1", "Lab 1")])), now: Self.t1))
        }
        #expect(again == [.polled("source-1", lastSuccessfulPoll: Self.t1)])
        #expect(again?.map(\.description) == ["polled(source-1, 2025-09-01T12:05:00Z)"])
        let (_, gone) = state.recordingChanges { $0.apply(.finishPoll("source-1", outcome: .success(.fingerprinted([])), now: Self.t1)) }
        #expect(gone?.last == .ledgerChanged("source-1", .init(removed: ["1"])))
        #expect(gone?.last?.description == "ledgerChanged(source-1, +0 -1)")
    }

    @Test func aTimestampedPollLeavesLedgersAlone() {
        var state = Self.connected()
        _ = Self.poll(&state, [Self.item("1", "Lab 1")], at: Self.t0)
        let ledger = state.ledger(of: "source-1")
        state.applyChecked(.finishPoll("source-1", outcome: .success(.timestamped([Fixtures.raw("9", "2025-08-30T10:00:00Z")])), now: Self.t1))
        #expect(state.ledger(of: "source-1") == ledger)
    }

    @Test func aLedgerOfAMissingSourceBreaksAnInvariantAndIsRefusedOnRestore() {
        var state = Self.connected()
        let ledger = FingerprintLedger().stamp([Self.item("1", "Lab 1")], now: Self.t0).ledger
        state.ledgersBySource["source-9"] = ledger
        state.ledgersBySource["source-1"] = FingerprintLedger()
        #expect(state.invariantViolations().map(\.invariant) == ["no-orphan-ledgers", "no-orphan-ledgers"])
        #expect(throws: SyncInvariantViolation.self) {
            try SyncState(restoringSources: [], mappings: [], issuedSourceIDs: ["source-9"], ledgers: ["source-9": ledger])
        }
    }
}

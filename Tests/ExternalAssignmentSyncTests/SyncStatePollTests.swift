import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SyncStatePollTests {
    @Test func beginPollAsksToFetchWithTheStoredDetails() {
        var state = SyncState.aliceConnected()
        #expect(
            state.applyChecked(.beginPoll("source-1")) == .fetch(sourceType: "Canvas", details: Fixtures.aliceDetails)
        )
    }

    @Test func unknownSourceIsSourceNotFoundAtBothSteps() {
        var state = SyncState.aliceConnected()
        guard case .failed(let begin) = state.applyChecked(.beginPoll("source-9")),
            case .failed(let finish) = state.applyChecked(
                .finishPoll("source-9", outcome: .success(.timestamped([])), now: Fixtures.start)
            )
        else {
            Issue.record("polling an unknown source must fail")
            return
        }
        #expect(begin.code == .sourceNotFound)
        #expect(finish.code == .sourceNotFound)
    }

    @Test func successSetsLastSuccessfulPollToNowAndReturnsTheList() {
        var state = SyncState.aliceConnected()
        let list = [Fixtures.raw("1", "2025-08-30T10:00:00Z"), Fixtures.raw("2", "2025-08-31T10:00:00Z")]
        let now = Fixtures.timestamp("2025-09-01T12:30:00Z")
        #expect(state.applyChecked(.finishPoll("source-1", outcome: .success(.timestamped(list)), now: now)) == .polled(list))
        #expect(state.source("source-1")?.lastSuccessfulPoll == now)
        #expect(state._getSourcesForUser(Fixtures.alice).first?.lastSuccessfulPoll == now)
    }

    @Test(arguments: [SyncError.Code.networkError, .apiRateLimitError, .sourceConnectionError])
    func failureLeavesLastSuccessfulPollUnchanged(code: SyncError.Code) {
        var state = SyncState.aliceConnected()
        let first = Fixtures.timestamp("2025-09-01T12:30:00Z")
        _ = state.applyChecked(.finishPoll("source-1", outcome: .success(.timestamped([])), now: first))
        let failure = SyncError(code: code, message: "no")
        let later = Fixtures.timestamp("2025-09-01T13:00:00Z")
        #expect(state.applyChecked(.finishPoll("source-1", outcome: .failure(failure), now: later)) == .failed(failure))
        #expect(state.source("source-1")?.lastSuccessfulPoll == first)
    }

    @Test func failureBeforeAnySuccessLeavesLastSuccessfulPollNil() {
        var state = SyncState.aliceConnected()
        let failure = SyncError(code: .networkError, message: "reset")
        _ = state.applyChecked(.finishPoll("source-1", outcome: .failure(failure), now: Fixtures.start))
        #expect(state.source("source-1") != nil)
        #expect(state.source("source-1")?.lastSuccessfulPoll == nil)
    }

    @Test func disconnectDuringTheFetchMakesTheFinishSourceNotFound() {
        var state = SyncState.aliceConnected()
        _ = state.applyChecked(.beginPoll("source-1"))
        _ = state.applyChecked(.disconnectSource("source-1"))
        guard
            case .failed(let error) = state.applyChecked(
                .finishPoll(
                    "source-1",
                    outcome: .success(.timestamped([Fixtures.raw("1", "2025-08-30T10:00:00Z")])),
                    now: Fixtures.start
                )
            )
        else {
            Issue.record("a poll of a disconnected source must fail")
            return
        }
        #expect(error.code == .sourceNotFound)
        #expect(state.sources.isEmpty)
    }

    @Test func aRepeatedExternalIdIsReturnedOnceWithTheNewestTimestamp() throws {
        var state = SyncState.aliceConnected()
        let platform = [
            Fixtures.raw("1", "2025-08-30T10:00:00Z"),
            Fixtures.raw("2", "2025-08-30T10:00:00Z"),
            Fixtures.raw("1", "2025-08-30T05:00:01-06:00"),  // 11:00:01Z: newer, as an instant
            Fixtures.raw("3", "2025-08-30T10:00:00Z"),
            Fixtures.raw("1", "2025-08-30T10:30:00Z"),  // older than the second copy
        ]
        guard
            case .polled(let list) = state.applyChecked(
                .finishPoll("source-1", outcome: .success(.timestamped(platform)), now: Fixtures.start)
            )
        else {
            Issue.record("poll failed")
            return
        }
        try #require(list.map(\.externalId) == ["1", "2", "3"], "first-occurrence order")
        #expect(list[0] == platform[2])
    }

    @Test func equallyNewRepeatsKeepTheFirstOccurrence() {
        var first = Fixtures.raw("1", "2025-08-30T10:00:00Z")
        first.details.name = "first"
        var second = Fixtures.raw("1", "2025-08-30T04:00:00-06:00")
        second.details.name = "second"
        #expect([first, second].newestPerExternalId() == [first])
    }
}

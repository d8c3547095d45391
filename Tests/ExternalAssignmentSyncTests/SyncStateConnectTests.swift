import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SyncStateConnectTests {
    @Test func connectAsksThePlatformThenAddsTheAccountWithNoPoll() {
        var state = SyncState()
        let request = Fixtures.connectRequest()
        #expect(state.applyChecked(.beginConnect(request)) == .validate(sourceType: "Canvas", details: request.details))
        #expect(state.sources.isEmpty, "begin changes nothing")
        let effect = state.applyChecked(.finishConnect(request, outcome: .success(()), newID: "source-1"))
        #expect(effect == .connected("source-1"))
        let account = state.source("source-1")
        #expect(account?.owner == Fixtures.alice)
        #expect(account?.sourceType == "Canvas")
        #expect(account?.sourceName == "6.104 Canvas")
        #expect(account?.connectionDetails == Fixtures.aliceDetails)
        #expect(account != nil && account?.lastSuccessfulPoll == nil)
    }

    @Test func duplicateNameFailsAtBeginSoNoPlatformRequestIsAsked() {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        let again = Fixtures.connectRequest(details: Fixtures.badDetails)
        guard case .failed(let error) = state.applyChecked(.beginConnect(again)) else {
            Issue.record("a duplicate must fail before validation")
            return
        }
        #expect(error.code == .duplicateSourceError)
    }

    @Test(arguments: [
        (Fixtures.bob, "6.104 Canvas"),  // another owner may reuse the name (interpretation 8)
        (Fixtures.alice, "6.104 canvas"),  // names compare exactly: case matters
        (Fixtures.alice, "6.104 Canvas "),  // and so does whitespace
    ])
    func otherOwnerOrOtherExactNameIsNotADuplicate(owner: UserID, name: String) {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        state.connectChecked(Fixtures.connectRequest(owner: owner, name: name), id: "source-2")
        #expect(state.sources.count == 2)
    }

    @Test(arguments: [SyncError.Code.invalidCredentialsError, .networkError])
    func platformRefusalFailsAndChangesNothing(code: SyncError.Code) {
        var state = SyncState()
        let request = Fixtures.connectRequest()
        _ = state.applyChecked(.beginConnect(request))
        let refusal = SyncError(code: code, message: "refused")
        #expect(
            state.applyChecked(.finishConnect(request, outcome: .failure(refusal), newID: "source-1"))
                == .failed(refusal)
        )
        #expect(state == SyncState())
        #expect(!state.hasIssued("source-1"), "a failed connect issues no id")
    }

    @Test(arguments: [true, false])
    func finishRechecksTheNameBecauseAConcurrentConnectMayHaveWon(platformAccepted: Bool) {
        var state = SyncState()
        let first = Fixtures.connectRequest()
        let second = Fixtures.connectRequest(details: Fixtures.bobDetails)
        _ = state.applyChecked(.beginConnect(first))
        _ = state.applyChecked(.beginConnect(second))
        #expect(
            state.applyChecked(.finishConnect(first, outcome: .success(()), newID: "source-1"))
                == .connected("source-1")
        )
        let outcome: Result<Void, SyncError> =
            platformAccepted ? .success(()) : .failure(SyncError(code: .networkError, message: "timeout"))
        guard case .failed(let error) = state.applyChecked(.finishConnect(second, outcome: outcome, newID: "source-2"))
        else {
            Issue.record("the loser of a race must fail")
            return
        }
        #expect(error.code == .duplicateSourceError, "serially, the loser was a duplicate")
        #expect(state.sources.count == 1)
    }

    @Test func anIssuedIDIsNeverAddedAgainEvenAfterDisconnect() {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        let other = Fixtures.connectRequest(name: "other")
        guard
            case .failed(let live) = state.applyChecked(.finishConnect(other, outcome: .success(()), newID: "source-1"))
        else {
            Issue.record("a live id was reused")
            return
        }
        #expect(live.code == .invalidArgument)
        #expect(state.applyChecked(.disconnectSource("source-1")) == .done)
        guard
            case .failed(let retired) = state.applyChecked(
                .finishConnect(Fixtures.connectRequest(), outcome: .success(()), newID: "source-1")
            )
        else {
            Issue.record("a retired id was reused")
            return
        }
        #expect(retired.code == .invalidArgument)
        #expect(state.hasIssued("source-1"))
    }

    @Test func sourcesForUserAreInConnectionOrderWithoutTokens() {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(name: "zeta"), id: "source-b")
        state.connectChecked(
            Fixtures.connectRequest(owner: Fixtures.bob, name: "bob's", details: Fixtures.bobDetails),
            id: "source-c"
        )
        state.connectChecked(Fixtures.connectRequest(name: "alpha"), id: "source-a")
        let summaries = state._getSourcesForUser(Fixtures.alice)
        #expect(summaries.map(\.id) == ["source-b", "source-a"])
        #expect(summaries.map(\.sourceName) == ["zeta", "alpha"])
        #expect(summaries.allSatisfy { $0.baseUrl == Fixtures.baseUrl && $0.lastSuccessfulPoll == nil })
        #expect(state._getSourcesForUser("user:Nobody") == [])
    }
}

import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SyncStateQueryTests {
    @Test func mappedInternalIdErrorIsTheSpecMessageVerbatim() {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        let missing = state._getMappedInternalId("50001", sourceAccount: "source-1")
        #expect(missing.failureMessage == "External assignment with ID '50001' not found for source 'source-1'")
        let unknownSource = state._getMappedInternalId("50001", sourceAccount: "source-9")
        #expect(unknownSource.failureMessage == "External assignment with ID '50001' not found for source 'source-9'")
    }

    @Test func assignmentsForSourceErrorIsTheSpecMessageVerbatim() {
        let state = SyncState()
        #expect(state._getAssignmentsForSource("source-1").failureMessage == "Source account not found")
    }

    @Test func aSourceWithoutMappingsHasAnEmptyList() {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        #expect(state._getAssignmentsForSource("source-1") == .success([]))
    }

    @Test func summaryHasEveryPublicFieldAndNoToken() {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        let now = Fixtures.timestamp("2025-09-01T12:30:00Z")
        _ = state.applyChecked(.finishPoll("source-1", outcome: .success(.timestamped([])), now: now))
        #expect(
            state._getSourcesForUser(Fixtures.alice) == [
                SourceAccountSummary(
                    id: "source-1",
                    owner: Fixtures.alice,
                    sourceType: "Canvas",
                    sourceName: "6.104 Canvas",
                    baseUrl: Fixtures.baseUrl,
                    lastSuccessfulPoll: now
                )
            ]
        )
    }
}

extension Result where Failure == QueryError {
    /// The query error's message, or nil on success.
    var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}

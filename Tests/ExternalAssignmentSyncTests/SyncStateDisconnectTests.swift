import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SyncStateDisconnectTests {
    /// Alice has "source-1" (2 mappings) and "source-2" (1 mapping); Bob has "source-3" (1 mapping).
    private func populated() -> SyncState {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        state.connectChecked(Fixtures.connectRequest(name: "other"), id: "source-2")
        state.connectChecked(
            Fixtures.connectRequest(owner: Fixtures.bob, details: Fixtures.bobDetails),
            id: "source-3"
        )
        state.recordChecked("source-1", "1", "a-1", "2025-08-30T10:00:00Z")
        state.recordChecked("source-1", "2", "a-2", "2025-08-30T10:00:00Z")
        state.recordChecked("source-2", "1", "b-1", "2025-08-30T10:00:00Z")
        state.recordChecked("source-3", "1", "c-1", "2025-08-30T10:00:00Z")
        return state
    }

    @Test func disconnectRemovesTheSourceAndAllItsMappingsOnly() {
        var state = populated()
        #expect(state.applyChecked(.disconnectSource("source-1")) == .done)
        #expect(state.source("source-1") == nil)
        #expect(state._getAssignmentsForSource("source-1") == .failure(.sourceAccountNotFound))
        #expect(
            state._getMappedInternalId("1", sourceAccount: "source-1")
                == .failure(.mappingNotFound(externalId: "1", sourceAccount: "source-1"))
        )
        #expect(state.mappingCount == 2)
        #expect(state._getMappedInternalId("1", sourceAccount: "source-2") == .success("b-1"))
        #expect(state._getMappedInternalId("1", sourceAccount: "source-3") == .success("c-1"))
        #expect(state._getSourcesForUser(Fixtures.alice).map(\.id) == ["source-2"])
        #expect(state._getSourcesForUser(Fixtures.bob).map(\.id) == ["source-3"])
    }

    @Test func unknownOrAlreadyDisconnectedSourceIsSourceNotFound() {
        var state = populated()
        #expect(state.applyChecked(.disconnectSource("source-1")) == .done)
        for id: SourceAccountID in ["source-1", "source-9"] {
            guard case .failed(let error) = state.applyChecked(.disconnectSource(id)) else {
                Issue.record("disconnecting \(id) must fail")
                continue
            }
            #expect(error.code == .sourceNotFound)
        }
    }

    @Test func reconnectingWithTheSameNameGivesANewIdAndNoOldMappings() throws {
        var state = populated()
        _ = state.applyChecked(.disconnectSource("source-1"))
        state.connectChecked(Fixtures.connectRequest(), id: "source-4")
        #expect(try state._getAssignmentsForSource("source-4").get() == [])
        let raw = Fixtures.raw("1", "2025-08-30T10:00:00Z")
        #expect(state.changes("source-4", [raw]) == [AssignmentToProcess(raw, existingInternalId: nil)])
        #expect(state._getSourcesForUser(Fixtures.alice).map(\.id) == ["source-2", "source-4"])
    }

    @Test func disconnectingEverythingLeavesOnlyTheIssuedIds() {
        var state = populated()
        for id: SourceAccountID in ["source-2", "source-3", "source-1"] {
            #expect(state.applyChecked(.disconnectSource(id)) == .done)
        }
        #expect(state.sources.isEmpty && state.mappingCount == 0)
        #expect(state._getSourcesForUser(Fixtures.alice) == [] && state._getSourcesForUser(Fixtures.bob) == [])
        #expect(state.issuedSourceIDs == ["source-1", "source-2", "source-3"])
    }
}

import KitPrimitives
import Testing

@testable import ExternalAssignmentSync

/// The invariant checker must catch each kind of corruption (tests reach the internals on purpose).
@Suite struct SyncStateInvariantsTests {
    private func sound() -> SyncState {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        state.connectChecked(Fixtures.connectRequest(owner: Fixtures.bob), id: "source-2")
        state.recordChecked("source-1", "1", "a-1", "2025-08-30T10:00:00Z")
        return state
    }

    private func violatedInvariants(_ state: SyncState) -> Set<String> {
        Set(state.invariantViolations().map(\.invariant))
    }

    @Test func aSoundStatePasses() throws {
        try sound().checkInvariants()
        try SyncState().checkInvariants()
    }

    @Test func orphanMappingIsCaught() {
        var state = sound()
        state.sources.removeValue(forKey: "source-1")
        #expect(violatedInvariants(state).contains("no-orphan-mappings"))
        #expect(throws: SyncInvariantViolation.self) { try state.checkInvariants() }
    }

    @Test func duplicateOwnerNameIsCaught() throws {
        var state = sound()
        var twin = try #require(state.sources["source-1"])
        twin.id = "source-3"
        state.sources["source-3"] = twin
        state.issuedSourceIDs.insert("source-3")
        state.sourceIDsByOwner[Fixtures.alice, default: []].append("source-3")
        #expect(violatedInvariants(state) == ["unique-owner-name"])
    }

    @Test func accountUnderTheWrongKeyIsCaught() {
        var state = sound()
        state.sources["source-2"]?.id = "source-7"
        #expect(violatedInvariants(state).contains("source-id-key"))
    }

    @Test func unissuedIdIsCaught() {
        var state = sound()
        state.issuedSourceIDs.remove("source-2")
        #expect(violatedInvariants(state) == ["ids-issued"])
    }

    @Test func ownerOrderMismatchIsCaught() {
        var state = sound()
        state.sourceIDsByOwner[Fixtures.alice]?.append("source-2")
        #expect(violatedInvariants(state) == ["owner-order"])
    }

    @Test func misfiledOrUnorderedMappingIsCaught() {
        var state = sound()
        let record = state.mappingsBySource["source-1"]?.recordsByExternalId["1"]
        state.mappingsBySource["source-1"]?.recordsByExternalId["2"] = record
        #expect(violatedInvariants(state) == ["one-mapping-per-external-id"])
    }
}

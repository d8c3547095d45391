import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SyncStateRecordTests {
    @Test func recordCreatesAMapping() {
        var state = SyncState.aliceConnected()
        state.recordChecked("source-1", "1", "a-1", "2025-08-30T10:00:00Z")
        #expect(state._getMappedInternalId("1", sourceAccount: "source-1") == .success("a-1"))
        #expect(
            state.record(source: "source-1", externalId: "1")
                == ExternalAssignmentRecord(
                    source: "source-1",
                    externalId: "1",
                    internalAssignment: "a-1",
                    lastExternalModificationTimestamp: Fixtures.timestamp("2025-08-30T10:00:00Z")
                )
        )
    }

    @Test(arguments: ["2025-09-01T00:00:00Z", "2025-08-01T00:00:00Z", "2025-08-30T10:00:00Z"])
    func recordOverwritesEvenWithAnOlderTimestamp(modified: String) {
        var state = SyncState.aliceConnected()
        state.recordChecked("source-1", "1", "a-1", "2025-08-30T10:00:00Z")
        state.recordChecked("source-1", "1", "a-2", modified)
        let record = state.record(source: "source-1", externalId: "1")
        #expect(record?.internalAssignment == "a-2")
        #expect(record?.lastExternalModificationTimestamp == Fixtures.timestamp(modified))
        #expect(state.mappingCount == 1, "one mapping per (source, externalId)")
    }

    @Test func anOlderRecordMakesTheNewerPlatformVersionAChangeAgain() {
        var state = SyncState.aliceConnected()
        state.recordChecked("source-1", "1", "a-1", "2025-09-01T00:00:00Z")
        state.recordChecked("source-1", "1", "a-1", "2025-08-01T00:00:00Z")
        let raw = Fixtures.raw("1", "2025-09-01T00:00:00Z")
        #expect(state.changes("source-1", [raw]) == [AssignmentToProcess(raw, existingInternalId: "a-1")])
    }

    @Test func unknownSourceIsSourceNotFoundAndMakesNoOrphan() {
        var state = SyncState.aliceConnected()
        guard
            case .failed(let error) = state.applyChecked(
                .recordInternalSync(
                    "source-9",
                    externalId: "1",
                    internalId: "a-1",
                    externalModificationTimestamp: Fixtures.start
                )
            )
        else {
            Issue.record("recording on an unknown source must fail")
            return
        }
        #expect(error.code == .sourceNotFound)
        #expect(state.mappingCount == 0)
    }

    @Test func sameExternalIdInTwoSourcesIsTwoMappings() {
        var state = SyncState.aliceConnected()
        state.connectChecked(Fixtures.connectRequest(name: "other"), id: "source-2")
        state.recordChecked("source-1", "1", "a-1", "2025-08-30T10:00:00Z")
        state.recordChecked("source-2", "1", "a-2", "2025-08-30T10:00:00Z")
        #expect(state._getMappedInternalId("1", sourceAccount: "source-1") == .success("a-1"))
        #expect(state._getMappedInternalId("1", sourceAccount: "source-2") == .success("a-2"))
    }

    @Test func assignmentsForSourceAreInFirstRecordOrder() throws {
        var state = SyncState.aliceConnected()
        state.recordChecked("source-1", "30", "a-30", "2025-08-30T10:00:00Z")
        state.recordChecked("source-1", "4", "a-4", "2025-08-30T10:00:00Z")
        state.recordChecked("source-1", "100", "a-100", "2025-08-30T10:00:00Z")
        state.recordChecked("source-1", "30", "a-31", "2025-08-31T10:00:00Z")  // overwrite keeps its place
        let records = try state._getAssignmentsForSource("source-1").get()
        #expect(records.map(\.externalId) == ["30", "4", "100"])
        #expect(records.map(\.internalAssignment) == ["a-31", "a-4", "a-100"])
        #expect(records.allSatisfy { $0.source == "source-1" })
    }
}

import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SyncStateIdentifyChangesTests {
    /// Alice's source "source-1" with external "1" mapped to "a-1" at 2025-09-10T03:59:59Z.
    private func mapped() -> SyncState {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1")
        state.recordChecked("source-1", "1", "a-1", "2025-09-10T03:59:59Z")
        return state
    }

    @Test func unknownSourceIsSourceNotFound() {
        var state = mapped()
        guard
            case .failed(let error) = state.applyChecked(
                .identifyChanges("source-9", rawExternalAssignments: [Fixtures.raw("1", "2025-09-11T00:00:00Z")])
            )
        else {
            Issue.record("identifyChanges on an unknown source must fail")
            return
        }
        #expect(error.code == .sourceNotFound)
    }

    @Test func unmappedAssignmentsAreNewWithNoInternalId() {
        let state = mapped()
        let changes = state.changes("source-1", [Fixtures.raw("2", "2025-08-30T10:00:00Z")])
        #expect(changes == [AssignmentToProcess(Fixtures.raw("2", "2025-08-30T10:00:00Z"), existingInternalId: nil)])
    }

    /// The mapping is at 2025-09-10T03:59:59Z. Offsets compare as instants, never as text (interpretation 3).
    @Test(arguments: [
        ("2025-09-10T03:59:59Z", false),  // equal: not a change
        ("2025-09-09T21:59:59-06:00", false),  // equal instant, other offset
        ("2025-09-10T03:59:58Z", false),  // older: not a change
        ("2025-09-10T09:29:58+05:30", false),  // older instant, though it sorts later as text
        ("2025-09-10T03:59:59.000000001Z", true),  // one nanosecond newer
        ("2025-09-09T22:00:00-06:00", true),  // newer instant, though it sorts earlier as text
    ])
    func mappedAssignmentIsAChangeOnlyWhenStrictlyNewer(modified: String, isChange: Bool) {
        let state = mapped()
        let raw = Fixtures.raw("1", modified)
        let expected = isChange ? [AssignmentToProcess(raw, existingInternalId: "a-1")] : []
        #expect(state.changes("source-1", [raw]) == expected)
    }

    @Test func mappingsOfAnotherSourceDoNotCount() {
        var state = mapped()
        state.connectChecked(Fixtures.connectRequest(name: "other"), id: "source-2")
        let raw = Fixtures.raw("1", "2025-09-10T03:59:59Z")
        #expect(state.changes("source-2", [raw]) == [AssignmentToProcess(raw, existingInternalId: nil)])
    }

    @Test func repeatedExternalIdsGiveOneOutputWithTheNewestTimestamp() throws {
        let state = mapped()
        let input = [
            Fixtures.raw("2", "2025-09-01T00:00:00Z"),
            Fixtures.raw("1", "2025-09-09T00:00:00Z"),  // older than the mapping alone…
            Fixtures.raw("2", "2025-09-02T00:00:00Z"),
            Fixtures.raw("1", "2025-09-11T00:00:00Z"),  // …but this copy is newer
        ]
        let changes = state.changes("source-1", input)
        try #require(changes.map(\.externalId) == ["2", "1"])
        #expect(changes[0] == AssignmentToProcess(input[2], existingInternalId: nil))
        #expect(changes[1] == AssignmentToProcess(input[3], existingInternalId: "a-1"))
    }

    @Test func emptyInputGivesNoChanges() {
        #expect(mapped().changes("source-1", []) == [])
    }

    @Test func detailsAreCarriedThroughUnchanged() {
        let state = mapped()
        let raw = RawExternalAssignment(
            externalId: "7",
            details: ExternalAssignmentDetails(name: "Quiz", description: nil, dueDate: nil),
            externalModificationTimestamp: Fixtures.start
        )
        let change = state.changes("source-1", [raw]).first
        #expect(change?.details == raw.details)
        #expect(change?.externalModificationTimestamp == raw.externalModificationTimestamp)
    }
}

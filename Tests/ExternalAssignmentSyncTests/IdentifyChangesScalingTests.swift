import ExternalAssignmentSync
import KitPrimitives
import Testing

/// identifyChanges over n raw assignments against n mappings is O(n): dictionary lookups only.
///
/// No timing is asserted (no clock reads in tests); Swift Testing reports each case's duration, and a
/// quadratic path would take hours at n = 100,000 rather than about a second.
@Suite struct IdentifyChangesScalingTests {
    @Test(arguments: [10_000, 100_000])
    func identifyChangesOverLargeInputs(count: Int) throws {
        var state = SyncState()
        _ = state.apply(.finishConnect(Fixtures.connectRequest(), outcome: .success(()), newID: "source-1"))
        let base = Fixtures.start
        for index in 0..<count {
            _ = state.apply(
                .recordInternalSync(
                    "source-1",
                    externalId: String(index),
                    internalId: AssignmentID("a-\(index)"),
                    externalModificationTimestamp: base
                )
            )
        }
        // Every third is newer, every third equal, every third older; plus as many unmapped ones.
        let raw = (0..<(2 * count)).map { index in
            RawExternalAssignment(
                externalId: String(index),
                details: ExternalAssignmentDetails(name: "A \(index)"),
                externalModificationTimestamp: base.advanced(bySeconds: Int64(index % 3) - 1)
            )
        }
        let changes = try state.identifyChanges("source-1", rawExternalAssignments: raw).get()
        let newer = (0..<count).filter { $0 % 3 == 2 }.count
        let unmapped = count
        #expect(changes.count == newer + unmapped)
        #expect(changes.filter { $0.existingInternalId != nil }.count == newer)
        try state.checkInvariants()
    }
}

import ExternalAssignmentSync
import KitPrimitives
import Testing

/// ``FingerprintLedger/stamp(_:now:)``: how a platform without modification times gets them.
@Suite struct FingerprintLedgerTests {
    static let t0 = Fixtures.timestamp("2025-09-01T12:00:00Z")
    static let t1 = Fixtures.timestamp("2025-09-01T12:05:00Z")

    static func item(_ id: String, _ title: String, due: String? = nil) -> FingerprintedAssignment {
        FingerprintedAssignment(externalId: id, details: ExternalAssignmentDetails(name: title, dueDate: due.map(Fixtures.timestamp)))
    }

    /// A ledger after one poll at t0 of items 1 ("Lab 1") and 2 ("Lab 2", due).
    static func firstPoll() -> FingerprintLedger {
        FingerprintLedger().stamp([item("1", "Lab 1"), item("2", "Lab 2", due: "2025-09-10T03:59:59Z")], now: t0).ledger
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let items: [FingerprintedAssignment]
        let now: Timestamp
        let expected: [String: Timestamp]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "unchanged keeps its stamp", items: [item("1", "Lab 1"), item("2", "Lab 2", due: "2025-09-10T03:59:59Z")],
             now: t1, expected: ["1": t0, "2": t0]),
        Case(label: "a changed title gets now", items: [item("1", "Lab 1 (revised)"), item("2", "Lab 2", due: "2025-09-10T03:59:59Z")],
             now: t1, expected: ["1": t1, "2": t0]),
        Case(label: "a changed deadline gets now", items: [item("1", "Lab 1"), item("2", "Lab 2", due: nil)],
             now: t1, expected: ["1": t0, "2": t1]),
        Case(label: "clock not moved: a change is 1 ms newer", items: [item("1", "Lab 1!"), item("2", "Lab 2", due: "2025-09-10T03:59:59Z")],
             now: t0, expected: ["1": t0.advanced(by: .milliseconds(1)), "2": t0]),
        Case(label: "clock went back: a change is still newer", items: [item("1", "Lab 1!")],
             now: t0.advanced(bySeconds: -60), expected: ["1": t0.advanced(by: .milliseconds(1))]),
        Case(label: "a new item gets now", items: [item("1", "Lab 1"), item("3", "Lab 3")],
             now: t1, expected: ["1": t0, "3": t1]),
    ]

    @Test(arguments: cases)
    func stampsFromTheLedger(_ c: Case) {
        let (assignments, ledger) = Self.firstPoll().stamp(c.items, now: c.now)
        // `uniquingKeysWith` so a repeated id fails the order check below instead of trapping here.
        #expect(Dictionary(assignments.map { ($0.externalId, $0.externalModificationTimestamp) }, uniquingKeysWith: { first, _ in first }) == c.expected)
        #expect(assignments.map(\.externalId) == c.items.map(\.externalId), "the poll's order")
        #expect(ledger.entries.mapValues(\.modifiedAt) == c.expected, "the new ledger holds exactly this poll's items")
        for item in c.items { #expect(ledger.entries[item.externalId]?.fingerprint == item.fingerprint) }
    }

    @Test func aVanishedItemDropsOutAndComesBackAsNew() {
        let t2 = Self.t1.advanced(bySeconds: 300)
        let vanished = Self.firstPoll().stamp([Self.item("2", "Lab 2", due: "2025-09-10T03:59:59Z")], now: Self.t1)
        #expect(vanished.ledger.entries.keys.sorted() == ["2"])
        #expect(vanished.ledger.delta(to: vanished.ledger).isEmpty)
        #expect(Self.firstPoll().delta(to: vanished.ledger) == FingerprintLedger.Delta(removed: ["1"]))
        let back = vanished.ledger.stamp([Self.item("1", "Lab 1"), Self.item("2", "Lab 2", due: "2025-09-10T03:59:59Z")], now: t2)
        #expect(back.assignments.map(\.externalModificationTimestamp) == [t2, Self.t0], "same content, but the ledger forgot it")
    }

    @Test func anEmptyPollEmptiesTheLedger() {
        let (assignments, ledger) = Self.firstPoll().stamp([], now: Self.t1)
        #expect(assignments.isEmpty)
        #expect(ledger.isEmpty)
    }

    @Test func aRepeatedIdCountsOnceTheLastOccurrenceWinsAtTheFirstPosition() throws {
        let items = [Self.item("1", "old title"), Self.item("2", "Lab 2"), Self.item("1", "Lab 1")]
        let (assignments, ledger) = Self.firstPoll().stamp(items, now: Self.t1)
        try #require(assignments.map(\.externalId) == ["1", "2"])
        #expect(assignments[0].details.name == "Lab 1")
        #expect(assignments[0].externalModificationTimestamp == Self.t0, "the last occurrence is the unchanged one")
        #expect(ledger.entries.count == 2)
    }

    @Test func theDeltaNamesOnlyNewChangedAndVanishedEntries() {
        let before = Self.firstPoll()
        let after = before.stamp([Self.item("1", "Lab 1"), Self.item("3", "Lab 3")], now: Self.t1).ledger
        let delta = before.delta(to: after)
        #expect(delta.upserted.keys.sorted() == ["3"])
        #expect(delta.removed == ["2"])
        #expect(before.delta(to: before).isEmpty)
    }
}

/// ``AssignmentFingerprint``: stable, and sensitive to exactly the fields the concept sees.
@Suite struct FingerprintLedgerFingerprintTests {
    @Test func theFingerprintIsStableAcrossProcessesAndReleases() {
        // A pinned value: if this changes, every stored ledger reads as changed (bump the v1 prefix).
        let details = ExternalAssignmentDetails(name: "Lab 1", description: nil, dueDate: Fixtures.timestamp("2025-09-10T03:59:59Z"))
        #expect(AssignmentFingerprint(details).rawValue == "v1:" + StableHash.hex(StableHash.fnv1a64("n5:Lab 1d-t1757476799.0")))
        #expect(AssignmentFingerprint(details).rawValue.count == 19)
    }

    @Test(arguments: [
        ExternalAssignmentDetails(name: "Lab 1"),
        ExternalAssignmentDetails(name: "Lab 1", description: ""),
        ExternalAssignmentDetails(name: "Lab 1", description: "x"),
        ExternalAssignmentDetails(name: "Lab 1", dueDate: Fixtures.timestamp("2025-09-10T03:59:59Z")),
        ExternalAssignmentDetails(name: "Lab 1", dueDate: Fixtures.timestamp("2025-09-10T03:59:59.001Z")),
        ExternalAssignmentDetails(name: "Lab 1 "),
        ExternalAssignmentDetails(name: "Lab"),
        ExternalAssignmentDetails(name: "Lab1d0:"),
    ])
    func eachVisibleDifferenceChangesTheFingerprint(_ other: ExternalAssignmentDetails) {
        let base = ExternalAssignmentDetails(name: "Lab1", description: nil)
        #expect(AssignmentFingerprint(base) != AssignmentFingerprint(other))
    }

    @Test func twoSpellingsOfOneInstantFingerprintAlike() {
        let utc = ExternalAssignmentDetails(name: "Lab", dueDate: Fixtures.timestamp("2025-09-10T03:59:59Z"))
        let offset = ExternalAssignmentDetails(name: "Lab", dueDate: Fixtures.timestamp("2025-09-09T21:59:59-06:00"))
        #expect(AssignmentFingerprint(utc) == AssignmentFingerprint(offset))
    }
}

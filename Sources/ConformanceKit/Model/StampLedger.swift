import ConceptValues
import KitPrimitives

/// The kit's own statement of how an implementation must stamp assignments from a platform without
/// modification times (GitHub Classroom; interpretation 16 in Scenarios/README.md), written from
/// that rule and not from the reference's ledger, so a mistake there cannot hide from the judge.
///
/// A ledger holds, per externalId, the details the source's last successful poll returned and the
/// `externalModificationTimestamp` it gave them. Against it a poll at `now` must give:
/// - unchanged details (equal name, description and due instant): the same timestamp;
/// - changed details: `now`, or the earlier timestamp + 1 ms when `now` is not after it (a change
///   is always strictly newer than what the application recorded);
/// - an externalId the ledger does not hold (new, or back after it dropped out): `now`.
/// The ledger after the poll holds exactly the poll's items. An externalId listed twice (an item
/// that shifted pages while they were fetched) counts once: its last occurrence, at the first's place.
///
/// ```swift
/// let (expected, next) = StampLedger().stamp([(externalId: "80001", details: details)], now: now)
/// ```
public struct StampLedger: Sendable, Hashable {
    /// What a poll gave one externalId.
    public struct Entry: Sendable, Hashable {
        public var details: ExternalAssignmentDetails
        /// The `externalModificationTimestamp` given to those details.
        public var modifiedAt: Timestamp
    }

    /// The entries, by externalId.
    public private(set) var entries: [String: Entry]

    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// The ledger a successful poll that returned `list` leaves: each item's details and timestamp.
    public init(recording list: [RawExternalAssignment]) {
        var entries: [String: Entry] = [:]
        for item in list { entries[item.externalId] = Entry(details: item.details, modifiedAt: item.externalModificationTimestamp) }
        self.entries = entries
    }

    /// Whether two versions show the application the same content: name and description byte for
    /// byte (a re-spelled title is a change it can see, even a canonically equivalent one), the due
    /// date as an instant (two spellings of one instant are one date).
    public static func sameContent(_ a: ExternalAssignmentDetails, _ b: ExternalAssignmentDetails) -> Bool {
        a.name.utf8.elementsEqual(b.name.utf8) && a.dueDate == b.dueDate
            && (a.description.map { Array($0.utf8) } == b.description.map { Array($0.utf8) })
    }

    /// Whether no poll has been recorded (or the last one saw nothing).
    public var isEmpty: Bool { entries.isEmpty }

    /// How much newer than the earlier stamp a change must be when the clock has not moved.
    public static let step: Duration = .milliseconds(1)

    /// The stamped list a poll at `now` returning `items` must give, and the ledger after it.
    public func stamp(_ items: [(externalId: String, details: ExternalAssignmentDetails)], now: Timestamp) -> (assignments: [RawExternalAssignment], ledger: StampLedger) {
        var order: [String] = []
        var last: [String: ExternalAssignmentDetails] = [:]
        for item in items {
            if last.updateValue(item.details, forKey: item.externalId) == nil { order.append(item.externalId) }
        }
        var stamped: [RawExternalAssignment] = []
        var next: [String: Entry] = [:]
        for externalId in order {
            let details = last[externalId]!
            let stamp: Timestamp
            switch entries[externalId] {
            case let earlier? where Self.sameContent(earlier.details, details): stamp = earlier.modifiedAt
            case let earlier?: stamp = now > earlier.modifiedAt ? now : earlier.modifiedAt.advanced(by: Self.step)
            case nil: stamp = now
            }
            stamped.append(RawExternalAssignment(externalId: externalId, details: details, externalModificationTimestamp: stamp))
            next[externalId] = Entry(details: details, modifiedAt: stamp)
        }
        return (stamped, StampLedger(entries: next))
    }

    /// Why `item`'s timestamp breaks the rule against this ledger, or nil when it keeps it (for an
    /// implementation on its own clock, whose `now` the kit cannot know): unchanged details keep the
    /// stamp, changed details are strictly newer, new content may have any instant.
    public func problem(with item: RawExternalAssignment) -> (expected: String, actual: String)? {
        guard let entry = entries[item.externalId] else { return nil }
        let stamp = item.externalModificationTimestamp
        if Self.sameContent(entry.details, item.details) {
            return stamp == entry.modifiedAt ? nil : ("\(entry.modifiedAt.rfc3339()) (content unchanged since the last successful poll)", stamp.rfc3339())
        }
        return stamp > entry.modifiedAt ? nil : ("an instant after \(entry.modifiedAt.rfc3339()) (content changed since the last successful poll)", stamp.rfc3339())
    }
}

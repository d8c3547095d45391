import KitPrimitives

/// What one source's last successful poll saw, for a platform without modification times: for each
/// externalId, the fingerprint of its details and the timestamp given to that content.
///
/// The pure core keeps one ledger per source (``SyncState/ledger(of:)``), commits a new one only
/// with a successful poll, and drops it on disconnect; a durable store saves it in the poll's
/// transaction. So the reference, the checker's model and the SQLite store share this one definition,
/// and a restart loses nothing.
///
/// ## Stamping (``stamp(_:now:)``)
/// - Unchanged content (same fingerprint as the entry) keeps the entry's timestamp, so
///   `identifyChanges` reports nothing for it.
/// - New content (no entry) gets `now`, the poll's time.
/// - Changed content gets `now`; if `now` is not after the entry's timestamp (the clock did not
///   move, or went back), it gets that timestamp + 1 ms instead, so a change is always strictly newer
///   than what the application recorded.
/// - The new ledger holds exactly this poll's items: an id that vanished drops out, and if it
///   reappears it is new again (stamped `now`). So the ledger only claims what the last successful
///   poll saw, which is all the kit asks of any implementation. The cost: a reappearance with changed
///   content, at an instant equal to the stamp the application recorded for it (a clock that stood
///   still across three polls), is not newer and goes unreported, like any same-instant edit
///   (the checker's finding `spec.same-instant-edit-invisible`).
///
/// ```swift
/// let (assignments, ledger) = (state.ledger(of: id) ?? FingerprintLedger()).stamp(items, now: now)
/// ```
public struct FingerprintLedger: Sendable, Hashable {
    /// What the ledger remembers about one externalId.
    public struct Entry: Sendable, Hashable {
        /// The fingerprint of the details last seen.
        public var fingerprint: AssignmentFingerprint
        /// The `externalModificationTimestamp` given to those details.
        public var modifiedAt: Timestamp

        /// Creates an entry.
        public init(fingerprint: AssignmentFingerprint, modifiedAt: Timestamp) {
            self.fingerprint = fingerprint
            self.modifiedAt = modifiedAt
        }
    }

    /// The entries, by externalId.
    public private(set) var entries: [String: Entry]

    /// Creates a ledger with `entries` (empty by default).
    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// Whether the ledger has no entries (the core stores no empty ledger).
    public var isEmpty: Bool { entries.isEmpty }

    /// The step a change must add when the clock has not moved past the earlier stamp.
    public static let minimumStep: Duration = .milliseconds(1)

    /// Gives each item its `externalModificationTimestamp`, and returns the ledger after this poll.
    ///
    /// Items are made unique per externalId first: where an id occurs more than once (an item that
    /// shifted pages while they were fetched), the last occurrence wins (it was fetched last), at the
    /// position of the first. An externalId keeps the spelling this ledger already has for it (two
    /// canonically equivalent spellings name one entry, as they name one mapping). O(n).
    /// - Parameters:
    ///   - items: The poll's complete list.
    ///   - now: The poll's time.
    /// - Returns: The stamped assignments, each externalId once, and the ledger holding exactly them.
    public func stamp(
        _ items: [FingerprintedAssignment],
        now: Timestamp
    ) -> (assignments: [RawExternalAssignment], ledger: FingerprintLedger) {
        var order: [String] = []
        var latest: [String: FingerprintedAssignment] = [:]
        latest.reserveCapacity(items.count)
        for item in items {
            if latest.updateValue(item, forKey: item.externalId) == nil { order.append(item.externalId) }
        }
        var assignments: [RawExternalAssignment] = []
        assignments.reserveCapacity(order.count)
        var next: [String: Entry] = [:]
        next.reserveCapacity(order.count)
        for externalId in order {
            guard let item = latest[externalId] else { continue }
            let fingerprint = item.fingerprint
            let stamped: Timestamp
            var key = item.externalId
            if let index = entries.index(forKey: item.externalId) {
                key = entries.keys[index]
                let earlier = entries.values[index]
                stamped = earlier.fingerprint == fingerprint ? earlier.modifiedAt : Self.after(earlier.modifiedAt, now: now)
            } else {
                stamped = now
            }
            next[key] = Entry(fingerprint: fingerprint, modifiedAt: stamped)
            assignments.append(
                RawExternalAssignment(externalId: item.externalId, details: item.details, externalModificationTimestamp: stamped))
        }
        return (assignments, FingerprintLedger(entries: next))
    }

    /// `now`, or `earlier` + ``minimumStep`` when `now` is not after `earlier`.
    static func after(_ earlier: Timestamp, now: Timestamp) -> Timestamp {
        now > earlier ? now : earlier.advanced(by: minimumStep)
    }
}

extension FingerprintLedger {
    /// The rows a durable store must write to turn one ledger into another.
    public struct Delta: Sendable, Hashable {
        /// Entries that are new or differ, by externalId.
        public var upserted: [String: Entry]
        /// ExternalIds whose entries are gone.
        public var removed: Set<String>

        /// Creates a delta.
        public init(upserted: [String: Entry] = [:], removed: Set<String> = []) {
            self.upserted = upserted
            self.removed = removed
        }

        /// Whether it changes nothing.
        public var isEmpty: Bool { upserted.isEmpty && removed.isEmpty }
    }

    /// What changed from this ledger to `new`: O(entries of both). An unchanged poll's delta is empty.
    public func delta(to new: FingerprintLedger) -> Delta {
        var delta = Delta()
        for (externalId, entry) in new.entries where entries[externalId] != entry {
            delta.upserted[externalId] = entry
        }
        for externalId in entries.keys where new.entries[externalId] == nil {
            delta.removed.insert(externalId)
        }
        return delta
    }
}

import ConformanceKit
/// Something the checker saw that the spec itself cannot promise: a documented finding about the
/// spec, reported for people, never counted as a failure of the implementation.
public struct Finding: Sendable, Hashable, CustomStringConvertible {
    /// A stable id (`spec.crash-between-create-and-record`, ...).
    public var id: String
    /// One line.
    public var title: String
    /// Why the spec cannot promise it, and what an application can do.
    public var explanation: String
    /// The first case that showed it (seed in hex) and the step.
    public var caseSeed: String
    public var step: Int
    /// What was seen, concretely.
    public var example: String

    public var description: String {
        "\(id): \(title)\n  e.g. case \(caseSeed), step \(step): \(example)\n  \(explanation)"
    }

    /// Every finding the checker knows how to report.
    public static let catalogue: [(id: String, title: String, explanation: String)] = [
        (
            crashBetweenCreateAndRecord,
            "an application that crashes between creating an internal assignment and recordInternalSync gets a duplicate",
            "The principle's loop creates the internal assignment first and records the mapping after; the concept has no "
                + "action that reserves or looks up an item before it is recorded, so after a crash identifyChanges reports the "
                + "item as new again and the application creates a second one. Applications need their own idempotency key "
                + "(e.g. store the externalId on the internal assignment) or the spec a two-phase record."
        ),
        (
            sameInstantEdit,
            "an edit stamped with the same instant as the recorded timestamp is never reported",
            "identifyChanges reports an item only when its timestamp is strictly newer (equal is not a change, interpretation 3 in "
                + "Scenarios/README.md). Canvas stamps updated_at with a coarse clock, so two edits within one tick (or an edit in the same "
                + "instant as the sync that recorded the item) leave the application's copy stale until the next edit."
        ),
        (
            reconnectRecreates,
            "reconnecting a source re-creates internal assignments the application already has",
            "Disconnecting delinks every mapping (principle), and a reconnect starts empty with a new id (interpretation 9, Scenarios/README.md), "
                + "so the next sync reports every platform assignment as new and the application creates them again; the "
                + "old internal assignments are delinked, not removed. The spec gives no way to re-link them."
        ),
        (
            orphanedMappings,
            "mappings of assignments deleted or hidden on the platform stay forever",
            "The spec has no action that removes one mapping (interpretation 12, Scenarios/README.md): an assignment deleted or unpublished on "
                + "Canvas simply stops appearing in polls, and its mapping (and the internal assignment) remain."
        ),
    ]

    /// An application crash between creating and recording (the brief's example).
    public static let crashBetweenCreateAndRecord = "spec.crash-between-create-and-record"
    /// Two edits in one timestamp tick.
    public static let sameInstantEdit = "spec.same-instant-edit-invisible"
    /// A reconnect re-creates internal assignments.
    public static let reconnectRecreates = "spec.reconnect-recreates-internal-assignments"
    /// Mappings of vanished assignments stay.
    public static let orphanedMappings = "spec.orphaned-mappings"

    /// A finding of a catalogued kind.
    public static func make(_ id: String, caseSeed: String, step: Int, example: String) -> Finding {
        let entry = catalogue.first { $0.id == id }
        return Finding(
            id: id, title: entry?.title ?? id, explanation: entry?.explanation ?? "", caseSeed: caseSeed, step: step, example: example)
    }
}

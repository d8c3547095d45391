/// A broken invariant of ``SyncState``: which one, and the offending detail.
///
/// Produced by ``SyncState/invariantViolations()``; a correct core never produces one. The property
/// checker reports these verbatim, so the names are stable.
public struct SyncInvariantViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// The invariant's stable name, e.g. `"no-orphan-mappings"`.
    public var invariant: String
    /// What exactly is wrong, naming ids (never tokens).
    public var detail: String

    /// Creates a violation report.
    public init(invariant: String, detail: String) {
        self.invariant = invariant
        self.detail = detail
    }

    /// `"invariant <name> violated: <detail>"`.
    public var description: String { "invariant \(invariant) violated: \(detail)" }
}

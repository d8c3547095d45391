/// What a connector's fetch returned: assignments stamped by the platform, or fingerprinted ones the
/// core stamps from the source's ``FingerprintLedger``.
///
/// The success value of ``SyncCommand/finishPoll(_:outcome:now:)``.
///
/// ```swift
/// state.apply(.finishPoll(id, outcome: .success(.timestamped(canvasList)), now: now))
/// state.apply(.finishPoll(id, outcome: .success(.fingerprinted(classroomList)), now: now))
/// ```
public enum FetchedAssignments: Sendable, Hashable {
    /// The platform reports when each assignment changed (Canvas's `updated_at`).
    case timestamped([RawExternalAssignment])
    /// The platform reports no modification time (GitHub Classroom): the core derives it from
    /// fingerprints, so unchanged content keeps its earlier timestamp and changed content gets the
    /// poll's time (``FingerprintLedger/stamp(_:now:)``).
    case fingerprinted([FingerprintedAssignment])

    /// How many items the platform returned (repeated externalIds included).
    public var count: Int {
        switch self {
        case .timestamped(let items): items.count
        case .fingerprinted(let items): items.count
        }
    }
}

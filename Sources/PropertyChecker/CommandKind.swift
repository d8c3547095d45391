import ConformanceKit
/// The kinds of checker commands, with their default weights.
///
/// Swarm mode (Hypothesis #2238) enables a random subset of kinds per case: a case that never
/// disconnects can build up more mappings, one that never polls directly leans on the application
/// driver, and so on. The core kinds stay on, so every case connects, syncs and injects faults.
public enum CommandKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case connect, disconnect, poll, identify, record
    case getSources, getMapped, getAssignments
    case addAssignment, renameAssignment, moveDueDate, deleteAssignment, publishAssignment, unpublishAssignment
    case setTimestampStyle, revokeToken, expireToken, issueToken, addCourse
    case advanceClock, fault
    case sync, syncWithCrash
    /// The implementation crashes and restarts (skipped when it cannot restart).
    case restart
    /// Several clients at once (``CheckerCommand/concurrently(_:)``).
    case concurrent

    /// The default relative weight.
    public var defaultWeight: Int {
        switch self {
        case .connect: 9
        case .disconnect: 4
        case .poll: 7
        case .identify: 7
        case .record: 6
        case .getSources, .getMapped, .getAssignments: 3
        case .addAssignment: 4
        case .renameAssignment, .moveDueDate: 3
        case .deleteAssignment, .publishAssignment, .unpublishAssignment, .setTimestampStyle, .issueToken: 2
        case .revokeToken, .expireToken, .addCourse: 1
        case .advanceClock: 5
        case .fault: 8
        case .sync: 14
        case .syncWithCrash: 2
        case .restart: 3
        case .concurrent: 4
        }
    }

    /// Kinds swarm mode never turns off: every case connects, syncs, has a nemesis (swarm mode
    /// still varies which fault families it draws from) and runs clients at once.
    public static let core: Set<CommandKind> = [.connect, .sync, .fault, .concurrent]

    /// The group a kind belongs to, for reports.
    public var group: String {
        switch self {
        case .connect, .disconnect, .poll, .identify, .record: "action"
        case .getSources, .getMapped, .getAssignments: "query"
        case .addAssignment, .renameAssignment, .moveDueDate, .deleteAssignment, .publishAssignment, .unpublishAssignment,
            .setTimestampStyle, .revokeToken, .expireToken, .issueToken, .addCourse:
            "platform"
        case .advanceClock: "clock"
        case .fault: "fault"
        case .sync, .syncWithCrash: "application"
        case .restart: "restart"
        case .concurrent: "concurrency"
        }
    }

    public static func < (lhs: CommandKind, rhs: CommandKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

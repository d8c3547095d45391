import ConformanceKit
/// One step of a property-checker case, in symbolic form.
///
/// Commands name sources and assignments by position (the k-th connected source, the j-th known
/// assignment, modulo the current count), never by the ids an implementation issued, so a shrunk
/// sequence stays meaningful: removing a command never leaves a dangling id behind. A command whose
/// reference resolves to nothing (no connected source yet) is skipped and recorded as such.
public enum CheckerCommand: Sendable, Hashable {
    // MARK: Concept actions
    /// `connectSource`.
    case connect(ConnectArguments)
    /// `disconnectSource`.
    case disconnect(SourceRef)
    /// `pollExternalSource`.
    case poll(SourceRef)
    /// `identifyChanges` with a list built at run time.
    case identify(SourceRef, IdentifyInput)
    /// `recordInternalSync` outside the application (an internal id the application never made).
    case record(SourceRef, AssignmentRef, internalNumber: Int, shift: TimestampShift)

    // MARK: Queries
    /// `_getSourcesForUser` for owner `owner` (an index into the case's owners).
    case getSources(owner: Int)
    /// `_getMappedInternalId`.
    case getMapped(SourceRef, AssignmentRef)
    /// `_getAssignmentsForSource`.
    case getAssignments(SourceRef)

    // MARK: Platform events
    /// A new assignment in the k-th course.
    case addAssignment(course: Int, published: Bool)
    /// A new name (Canvas stamps `updated_at`).
    case renameAssignment(AssignmentRef)
    /// The due date moved by `hours` (0 clears it).
    case moveDueDate(AssignmentRef, hours: Int)
    case deleteAssignment(AssignmentRef)
    case publishAssignment(AssignmentRef)
    case unpublishAssignment(AssignmentRef)
    /// Timestamps written as UTC or with an offset (``CheckerWorld/timestampStyles``).
    case setTimestampStyle(Int)
    case revokeToken(TokenRef)
    case expireToken(TokenRef)
    /// A new token for the k-th platform user.
    case issueToken(user: Int)
    /// A new course with `assignments` assignments, the k-th user enrolled as a student.
    case addCourse(user: Int, assignments: Int)

    // MARK: Time and faults
    /// The virtual clock moves forward (sub-second moves give timestamps with fractions, which
    /// text comparison gets wrong).
    case advanceClock(milliseconds: Int)
    /// Fault rules for the next platform requests.
    case fault(FaultPlan)

    // MARK: Application
    /// The principle's loop for one source: poll, identifyChanges, create or update an internal
    /// assignment, recordInternalSync; on `SourceConnectionError` the application disconnects.
    /// With `crashAfter: n` the application crashes right after creating its n-th new internal
    /// assignment, before recording it.
    case sync(SourceRef, crashAfter: Int?)

    // MARK: Crash-restart
    /// The implementation crashes and starts again on its durable state (a
    /// ``RestartableImplementation``); its state must then equal the model's. Skipped when the
    /// implementation cannot restart.
    case restart

    // MARK: Concurrency
    /// A concurrent phase (Jepsen's clients): each lane is one client issuing its concept calls one
    /// after another, every lane at once against the same implementation. Lanes hold only concept
    /// calls (connect, disconnect, poll, identify, record and the queries); their references resolve
    /// when the phase begins. The answers are judged together: some order of the calls, consistent
    /// with real time, must be one in which the model allows every answer (``Linearizability``).
    case concurrently([[CheckerCommand]])

    /// The command's kind (for weights and swarm selection).
    public var kind: CommandKind {
        switch self {
        case .connect: .connect
        case .disconnect: .disconnect
        case .poll: .poll
        case .identify: .identify
        case .record: .record
        case .getSources: .getSources
        case .getMapped: .getMapped
        case .getAssignments: .getAssignments
        case .addAssignment: .addAssignment
        case .renameAssignment: .renameAssignment
        case .moveDueDate: .moveDueDate
        case .deleteAssignment: .deleteAssignment
        case .publishAssignment: .publishAssignment
        case .unpublishAssignment: .unpublishAssignment
        case .setTimestampStyle: .setTimestampStyle
        case .revokeToken: .revokeToken
        case .expireToken: .expireToken
        case .issueToken: .issueToken
        case .addCourse: .addCourse
        case .advanceClock: .advanceClock
        case .fault: .fault
        case .sync(_, let crash): crash == nil ? .sync : .syncWithCrash
        case .restart: .restart
        case .concurrently: .concurrent
        }
    }
}

/// A source, by position.
public enum SourceRef: Sendable, Hashable {
    /// The k-th connected source (modulo how many there are); skipped when there are none.
    case connected(Int)
    /// The k-th disconnected source (modulo); skipped when there are none.
    case disconnected(Int)
    /// An id no implementation issued.
    case unknown
}

/// A platform assignment, by position among the assignments the world knows (modulo their count),
/// or, `unmapped`, among those the source has no mapping for yet (a first record; any known one
/// when every one is mapped).
public struct AssignmentRef: Sendable, Hashable {
    public var index: Int
    public var unmapped: Bool
    public init(_ index: Int, unmapped: Bool = false) {
        self.index = index
        self.unmapped = unmapped
    }
}

/// A platform token, by position among every token issued so far (modulo), or one never issued.
public enum TokenRef: Sendable, Hashable {
    case issued(Int)
    case bogus
}

/// The arguments of a `connectSource` command.
public struct ConnectArguments: Sendable, Hashable {
    /// Index into the case's owners.
    public var owner: Int
    /// Index into ``CheckerWorld/sourceNames`` (a small pool, so duplicates are frequent).
    public var name: Int
    public var token: TokenRef
    /// False: a base URL nothing listens on.
    public var reachable: Bool
    /// False: a source type no connector serves (an error, interpretation 15 (Scenarios/README.md)).
    public var supportedType: Bool

    public init(owner: Int, name: Int, token: TokenRef, reachable: Bool = true, supportedType: Bool = true) {
        self.owner = owner
        self.name = name
        self.token = token
        self.reachable = reachable
        self.supportedType = supportedType
    }
}

/// How the list for a standalone `identifyChanges` is built when the command runs.
public enum IdentifyInput: Sendable, Hashable {
    /// What a poll would return now.
    case asPolled
    /// What a poll would return, with items dropped, repeated, renamed or re-timed (a seeded edit).
    case perturbed(UInt16)
    /// The source's mapped externalIds, their recorded timestamps shifted.
    case fromMappings(TimestampShift)
    /// Nothing.
    case empty
}

/// A shift of a timestamp around a reference instant; sub-second shifts catch text comparison.
public enum TimestampShift: Int, Sendable, Hashable, CaseIterable {
    case hourEarlier, secondEarlier, quarterSecondEarlier, same, quarterSecondLater, secondLater, hourLater

    /// The shift in milliseconds.
    public var milliseconds: Int64 {
        switch self {
        case .hourEarlier: -3_600_000
        case .secondEarlier: -1000
        case .quarterSecondEarlier: -250
        case .same: 0
        case .quarterSecondLater: 250
        case .secondLater: 1000
        case .hourLater: 3_600_000
        }
    }
}

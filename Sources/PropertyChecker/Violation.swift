import ConformanceKit
/// A failure of the implementation under test: an answer the model does not allow, or a broken
/// invariant. The ``Code`` is stable (reports, JUnit `type`, test assertions).
public struct Violation: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }

        /// An action's or query's answer is not among those the model allows.
        public static let unexpectedAnswer = Code(rawValue: "unexpected-answer")
        /// Two mappings for one (source, externalId).
        public static let duplicateMapping = Code(rawValue: "duplicate-mapping")
        /// The mappings differ from the model's (lost, changed or orphan mappings).
        public static let mappingsDiffer = Code(rawValue: "mappings-differ")
        /// `_getSourcesForUser` differs from the model (missing, extra or wrong sources).
        public static let sourcesDiffer = Code(rawValue: "sources-differ")
        /// `lastSuccessfulPoll` is not what the model says (interpretation 4, Scenarios/README.md).
        public static let lastSuccessfulPoll = Code(rawValue: "last-successful-poll")
        /// A disconnected source still answers queries, or shows mappings (the delink invariant).
        public static let delink = Code(rawValue: "delink")
        /// A reconnect under the same name shows the old source's mappings (interpretation 9, Scenarios/README.md).
        public static let reconnectResurrected = Code(rawValue: "reconnect-resurrected")
        /// The token appeared in an answer (interpretation 7, Scenarios/README.md).
        public static let tokenLeak = Code(rawValue: "token-leak")
        /// The token was sent to an origin other than the source's (a `Link` header pointed there).
        public static let tokenSentElsewhere = Code(rawValue: "token-sent-elsewhere")
        /// After the heal-and-quiesce sync, `identifyChanges` still reports changes.
        public static let notQuiescent = Code(rawValue: "not-quiescent")
        /// Under the application loop, a live external assignment has more than one internal one.
        public static let applicationDuplicate = Code(rawValue: "application-duplicate")
        /// Under the application loop, a live external assignment has no internal one after a full sync.
        public static let applicationMissing = Code(rawValue: "application-missing")
        /// Under the application loop, an internal assignment's details are stale after a full sync.
        public static let applicationStale = Code(rawValue: "application-stale")
        /// `identifyChanges` named an internal assignment the application never created.
        public static let unknownInternalId = Code(rawValue: "unknown-internal-id")
        /// An answer outside the profile's wire shape (a required field missing, a wrong type).
        public static let wireContract = Code(rawValue: "wire-contract")
        /// No answer within the call timeout while the platform stalled: the implementation did not
        /// give up on a stalled platform (the spec asks for NetworkError).
        public static let stallNotAbandoned = Code(rawValue: "stall-not-abandoned")
        /// The answers of a concurrent phase fit no order of its calls that respects real time: two
        /// clients saw effects no one-at-a-time execution gives (two sources under one name).
        public static let notLinearizable = Code(rawValue: "not-linearizable")
        /// The kit could not judge (unreachable, connection lost, not JSON, a crash): a harness error.
        public static let harness = Code(rawValue: "harness")
        /// Right after a crash-restart, the state differs from the model's: something answered before
        /// the crash was lost, duplicated or changed (the queries' mismatch says what).
        public static let notDurable = Code(rawValue: "not-durable")
    }

    /// Where in a case it happened.
    public enum Phase: String, Sendable, Hashable {
        /// While running the generated commands.
        case commands
        /// In the heal-and-quiesce phase (faults off, one clean sync) and the final checks.
        case quiescence
    }

    public var code: Code
    public var phase: Phase
    /// The 1-based command index (0 in the quiescence phase).
    public var step: Int
    /// The call whose answer failed, rendered without the token.
    public var call: String
    /// Where and how the answer differs.
    public var mismatch: Mismatch
    /// The clause ids involved.
    public var clauses: [String]
    /// How binding the broken rule is: SHOULD when only a name the kit reads into the spec was
    /// wrong (the strict profile fails it; compat and `enforcesShouldLevel: false` do not).
    public var level: ScenarioLevel

    public init(code: Code, phase: Phase, step: Int, call: String, mismatch: Mismatch, clauses: [String], level: ScenarioLevel = .must) {
        self.code = code
        self.phase = phase
        self.step = step
        self.call = call
        self.mismatch = mismatch
        self.clauses = clauses
        self.level = level
    }

    public var description: String {
        let location = phase == .commands ? "step \(step)" : "quiescence"
        return "[\(code)\(level == .must ? "" : ", \(level)")] \(location): \(call)\n" + mismatch.description.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            + (clauses.isEmpty ? "" : "\n  clauses: " + clauses.joined(separator: ", "))
    }
}

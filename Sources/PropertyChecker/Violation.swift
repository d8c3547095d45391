import ConformanceKit
import KitPrimitives

/// A failure of the implementation under test: an answer the model does not allow, or a broken
/// invariant. The ``Code`` is stable (reports, JUnit `type`, test assertions).
public struct Violation: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public typealias Code = ErrorCode<Violation>

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
    public var level: ScenarioLevel = .must

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

extension ErrorCode where Domain == Violation {
    /// An action's or query's answer is not among those the model allows.
    public static let unexpectedAnswer: Self = "unexpected-answer"
    /// Two mappings for one (source, externalId).
    public static let duplicateMapping: Self = "duplicate-mapping"
    /// The mappings differ from the model's (lost, changed or orphan mappings).
    public static let mappingsDiffer: Self = "mappings-differ"
    /// `_getSourcesForUser` differs from the model (missing, extra or wrong sources).
    public static let sourcesDiffer: Self = "sources-differ"
    /// `lastSuccessfulPoll` is not what the model says (interpretation 4, Scenarios/README.md).
    public static let lastSuccessfulPoll: Self = "last-successful-poll"
    /// A disconnected source still answers queries, or shows mappings (the delink invariant).
    public static let delink: Self = "delink"
    /// A reconnect under the same name shows the old source's mappings (interpretation 9, Scenarios/README.md).
    public static let reconnectResurrected: Self = "reconnect-resurrected"
    /// The token appeared in an answer (interpretation 7, Scenarios/README.md).
    public static let tokenLeak: Self = "token-leak"
    /// The token was sent to an origin other than the source's (a `Link` header pointed there).
    public static let tokenSentElsewhere: Self = "token-sent-elsewhere"
    /// After the heal-and-quiesce sync, `identifyChanges` still reports changes.
    public static let notQuiescent: Self = "not-quiescent"
    /// Under the application loop, a live external assignment has more than one internal one.
    public static let applicationDuplicate: Self = "application-duplicate"
    /// Under the application loop, a live external assignment has no internal one after a full sync.
    public static let applicationMissing: Self = "application-missing"
    /// Under the application loop, an internal assignment's details are stale after a full sync.
    public static let applicationStale: Self = "application-stale"
    /// `identifyChanges` named an internal assignment the application never created.
    public static let unknownInternalId: Self = "unknown-internal-id"
    /// An answer outside the profile's wire shape (a required field missing, a wrong type).
    public static let wireContract: Self = "wire-contract"
    /// No answer within the call timeout while the platform stalled: the implementation did not
    /// give up on a stalled platform (the spec asks for NetworkError).
    public static let stallNotAbandoned: Self = "stall-not-abandoned"
    /// The answers of a concurrent phase fit no order of its calls that respects real time: two
    /// clients saw effects no one-at-a-time execution gives (two sources under one name).
    public static let notLinearizable: Self = "not-linearizable"
    /// The kit could not judge (unreachable, connection lost, not JSON, a crash): a harness error.
    public static let harness: Self = "harness"
    /// Right after a crash-restart, the state differs from the model's: something answered before
    /// the crash was lost, duplicated or changed (the queries' mismatch says what).
    public static let notDurable: Self = "not-durable"
}

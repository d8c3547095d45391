import ConformanceKit
/// A concurrent phase in a case's history: the calls as they ran, how the judge explained them, and
/// the checks of the state a correct implementation ends the phase in.
public struct ConcurrentPhaseRecord: Sendable, Hashable {
    /// A query after the phase and what it must answer.
    public struct Check: Sendable, Hashable {
        public var call: ConceptCall
        public var expected: Expectation
    }

    /// Every call, in invocation order.
    public var calls: [ConcurrentCall]
    /// The order the judge chose (indices into ``calls``); empty when no order explains the answers.
    public var linearization: [Int] = []
    /// What the model allowed each call (by index into ``calls``) at its place in ``linearization``.
    public var expected: [Int: Expectation] = [:]
    /// The queries a replay makes after the phase, with what the state every order of the phase's
    /// calls ends in must answer: the replay's judgement of the phase (its answers depend on the
    /// interleaving; for the checker's phase shapes the state does not). New sources' ids are
    /// ``pendingIDPrefix`` placeholders (any id matches).
    public var checks: [Check] = []

    /// The requests the platform received during the phase, one line each, in arrival order (how
    /// many and in what order depends on the interleaving, so the history digest leaves them out).
    public var requests: [String] = []

    /// Marks an id the model made up for a source the phase creates.
    public static let pendingIDPrefix = "\u{1}new-source-"

    public init(calls: [ConcurrentCall]) {
        self.calls = calls
    }

    /// The number of clients.
    public var clients: Int { (calls.map(\.client).max() ?? -1) + 1 }
}

import ConceptValues
import KitPrimitives

/// A connected source as the model knows it: what the spec's state holds for one
/// `ExternalSourceAccount`, plus what the checker needs to judge answers about it.
public struct ModelSource: Sendable, Hashable {
    /// The id the implementation issued.
    public var id: String
    public var owner: String
    public var sourceType: String
    public var sourceName: String
    /// The secret the source was connected with (never rendered).
    public var token: String
    public var baseUrl: String
    /// What `lastSuccessfulPoll` must look like now.
    public var lastPoll: LastPollExpectation = .never
    /// The mappings, by externalId.
    public var mappings: [String: ModelMapping] = [:]
    /// Ids of earlier, disconnected sources of the same owner and name (a reconnect starts empty).
    public var earlierIDs: [String] = []
    /// Whether a `recordInternalSync` outside the application driver touched it; the application-level
    /// invariants (one internal assignment per live external one, details current) then skip it.
    public var recordedOutsideApplication: Bool = false
    /// On a platform without modification times (GitHub Classroom): what the last successful poll
    /// returned, each item's fingerprint and timestamp. Replaced by each successful poll only, gone
    /// with the source at disconnect (a reconnect starts empty), untouched by a crash-restart (the
    /// implementation must keep it: its stamps cannot move afterwards). Empty on Canvas.
    public var ledger = StampLedger()

    /// The mappings in externalId order (never `Dictionary` order).
    public var sortedMappings: [(externalId: String, mapping: ModelMapping)] {
        mappings.keys.sorted().map { ($0, mappings[$0]!) }
    }
}

/// One mapping of an external assignment to an internal one.
public struct ModelMapping: Sendable, Hashable {
    public var internalId: String
    /// `lastExternalModificationTimestamp`, compared as an instant.
    public var timestamp: Timestamp
}

/// What a source's `lastSuccessfulPoll` must be (interpretation 4, Scenarios/README.md): null until the first successful
/// poll, moved only by a successful poll.
public enum LastPollExpectation: Sendable, Hashable, CustomStringConvertible {
    /// No poll has succeeded: `null`.
    case never
    /// Exactly this instant: the virtual clock at the last success (in-process), or the value
    /// observed after the last success (an implementation with its own clock).
    case exactly(Timestamp)
    /// A poll succeeded on an implementation with its own clock and nothing has been observed
    /// since: present, and not before `notBefore` (the previous value).
    case sinceSuccess(notBefore: Timestamp?)

    public var description: String {
        switch self {
        case .never: "null"
        case .exactly(let t): t.rfc3339()
        case .sinceSuccess(let floor): floor.map { "an instant not before \($0.rfc3339())" } ?? "an instant"
        }
    }
}

/// A source that was disconnected: every query about it must now fail (the delink invariant).
public struct DisconnectedSource: Sendable, Hashable {
    public var id: String
    public var owner: String
    public var sourceName: String
    /// The externalIds it had mappings for when it was disconnected, sorted.
    public var formerlyMapped: [String]
}

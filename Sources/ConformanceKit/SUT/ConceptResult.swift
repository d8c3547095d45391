import ConceptValues
import KitPrimitives

/// What an implementation answered, normalized from any transport (in-process, HTTP strict or
/// compat-6104) so that scenarios, the model and the checker compare like with like.
public enum ConceptResult: Sendable, Hashable {
    /// `connectSource` succeeded: the new id.
    case sourceAccount(String)
    /// An action with no named results succeeded (`{}`).
    case empty
    /// `pollExternalSource` succeeded.
    case rawExternalAssignments([RawExternalAssignment])
    /// `identifyChanges` succeeded.
    case assignmentsToProcess([AssignmentToProcess])
    /// `_getSourcesForUser` succeeded.
    case sources([SourceView])
    /// `_getMappedInternalId` succeeded.
    case internalId(String)
    /// `_getAssignmentsForSource` succeeded.
    case assignments([MappingView])
    /// An action or query error.
    case error(ConceptError)

    /// The error, when this is one.
    public var error: ConceptError? {
        if case .error(let e) = self { return e }
        return nil
    }
}

/// An error the implementation reported (a concept outcome, not a harness failure).
public struct ConceptError: Sendable, Hashable, CustomStringConvertible {
    /// Action errors carry the spec's name; query errors carry the spec's message.
    public enum Kind: String, Sendable, Hashable {
        case action, query
    }

    public var kind: Kind
    /// The spec's error name (`DuplicateSourceError`, ...) when the implementation gave one; nil
    /// for free-text errors (compat-6104) and for query errors.
    public var name: String?
    /// The human message as sent.
    public var message: String

    public init(kind: Kind, name: String?, message: String) {
        self.kind = kind
        self.name = name
        self.message = message
    }

    /// `Name: message`, or the message alone.
    public var description: String { name.map { "\($0): \(message)" } ?? message }
}

/// A source as `_getSourcesForUser` shows it. Implementations may return an id alone or an object;
/// fields they do not send are nil.
public struct SourceView: Sendable, Hashable {
    /// Whether and how `lastSuccessfulPoll` was present.
    public enum PollStamp: Sendable, Hashable {
        /// The implementation did not send the field (allowed in compat-6104 only).
        case absent
        /// Present and `null`: never polled successfully.
        case never
        /// Present with an instant.
        case at(Timestamp)
    }

    public var id: String
    public var owner: String?
    public var sourceType: String?
    public var sourceName: String?
    public var baseUrl: String?
    public var lastSuccessfulPoll: PollStamp

    public init(id: String, owner: String? = nil, sourceType: String? = nil, sourceName: String? = nil, baseUrl: String? = nil, lastSuccessfulPoll: PollStamp = .absent) {
        self.id = id
        self.owner = owner
        self.sourceType = sourceType
        self.sourceName = sourceName
        self.baseUrl = baseUrl
        self.lastSuccessfulPoll = lastSuccessfulPoll
    }
}

/// An external assignment mapping as `_getAssignmentsForSource` shows it.
public struct MappingView: Sendable, Hashable {
    public var externalId: String
    public var internalAssignment: String
    public var lastExternalModificationTimestamp: Timestamp?
    public var source: String?

    public init(externalId: String, internalAssignment: String, lastExternalModificationTimestamp: Timestamp?, source: String? = nil) {
        self.externalId = externalId
        self.internalAssignment = internalAssignment
        self.lastExternalModificationTimestamp = lastExternalModificationTimestamp
        self.source = source
    }
}

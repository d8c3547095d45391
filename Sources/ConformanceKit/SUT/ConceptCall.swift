import ConceptValues
import KitPrimitives

/// One call of the concept, as data: what a scenario step, the model and the property checker ask
/// an implementation to do. Identifiers are the opaque strings the implementation issued.
public enum ConceptCall: Sendable, Hashable {
    case connectSource(owner: String, sourceType: String, sourceName: String, details: ConnectionDetails)
    case disconnectSource(sourceAccount: String)
    case pollExternalSource(sourceAccount: String)
    case identifyChanges(sourceAccount: String, rawExternalAssignments: [RawExternalAssignment])
    case recordInternalSync(sourceAccount: String, externalId: String, internalId: String, externalModificationTimestamp: Timestamp)
    case getSourcesForUser(user: String)
    case getMappedInternalId(externalId: String, sourceAccount: String)
    case getAssignmentsForSource(sourceAccount: String)

    /// The spec's name (`connectSource`, `_getSourcesForUser`, ...), which is also the wire route.
    public var name: String {
        switch self {
        case .connectSource: "connectSource"
        case .disconnectSource: "disconnectSource"
        case .pollExternalSource: "pollExternalSource"
        case .identifyChanges: "identifyChanges"
        case .recordInternalSync: "recordInternalSync"
        case .getSourcesForUser: "_getSourcesForUser"
        case .getMappedInternalId: "_getMappedInternalId"
        case .getAssignmentsForSource: "_getAssignmentsForSource"
        }
    }

    /// The call's entry in ``ConceptVocabulary``.
    public var operation: ConceptVocabulary.Operation {
        guard let operation = ConceptVocabulary.named(name) else { preconditionFailure("\(name) is not in the vocabulary") }
        return operation
    }

    /// Whether it is a query: queries never change state.
    public var isQuery: Bool { operation.isQuery }

    /// Every name, actions first.
    public static var names: [String] { ConceptVocabulary.names }
}

extension ConceptCall: CustomStringConvertible {
    /// A one-line, token-free rendering for traces (`connectSource(owner: u1, sourceName: "A", …)`).
    public var description: String {
        switch self {
        case .connectSource(let owner, let type, let name, let details):
            "connectSource(owner: \(owner), sourceType: \(type), sourceName: \"\(name)\", baseUrl: \(details.baseUrl), apiToken: [REDACTED])"
        case .disconnectSource(let s): "disconnectSource(\(s))"
        case .pollExternalSource(let s): "pollExternalSource(\(s))"
        case .identifyChanges(let s, let raw): "identifyChanges(\(s), \(raw.count) raw: \(raw.map(\.externalId).prefix(8).joined(separator: ","))\(raw.count > 8 ? ",…" : ""))"
        case .recordInternalSync(let s, let e, let i, let t): "recordInternalSync(\(s), externalId: \(e), internalId: \(i), \(t))"
        case .getSourcesForUser(let u): "_getSourcesForUser(\(u))"
        case .getMappedInternalId(let e, let s): "_getMappedInternalId(\(e), \(s))"
        case .getAssignmentsForSource(let s): "_getAssignmentsForSource(\(s))"
        }
    }
}

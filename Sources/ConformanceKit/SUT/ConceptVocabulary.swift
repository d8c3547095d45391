/// The concept's calls, stated once: each action's and query's name, kind, arguments (with the role
/// each plays and its shape), result name and error names, in the spec's order. Scenario checking
/// (``CallSignature``), call names, both directions of the wire contract, route resolution and the
/// adapter's sessions (which arguments name an owner) all derive from this table.
///
/// ```swift
/// let query = ConceptVocabulary.named("_getSourcesForUser")!
/// query.routeCandidates        // ["_getSourcesForUser", "getSourcesForUser"]
/// query.argument(.user)?.name  // "user"
/// ```
public enum ConceptVocabulary {
    /// What an argument stands for, whatever its name in the spec.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// The user who owns a new source (`connectSource`): an app takes it from the session.
        case owner
        /// The user whose sources a query lists (`_getSourcesForUser`): an app takes it from the session.
        case user
        case sourceType, sourceName, details, sourceAccount, externalId, internalId
        case externalModificationTimestamp, rawExternalAssignments
    }

    /// One argument of a call.
    public struct Argument: Sendable, Hashable {
        /// The spec's name for it (also its JSON field on the wire).
        public let name: String
        public let role: Role
        public let schema: CallSignature.ValueSchema
    }

    /// One action or query.
    public struct Operation: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case action, query }

        /// The spec's name (`connectSource`, `_getSourcesForUser`).
        public let name: String
        public let kind: Kind
        /// The arguments in the spec's order.
        public let arguments: [Argument]
        /// The named result (`sourceAccount`, `sources`, ...); nil for an action that returns nothing.
        public let result: String?
        /// The error names the spec gives the action (a call on a source that does not exist is the
        /// kit's interpretation, not listed here); queries return the spec's messages instead.
        public let errors: [String]

        /// Whether it is a query.
        public var isQuery: Bool { kind == .query }

        /// The argument playing `role`, if any.
        public func argument(_ role: Role) -> Argument? { arguments.first { $0.role == role } }

        /// Route names to try, in order: the spec's name, and for a query the same name without its
        /// `_` (many 6.104 concept servers do not expose `_`-prefixed methods).
        public var routeCandidates: [String] {
            isQuery && name.hasPrefix("_") ? [name, String(name.dropFirst())] : [name]
        }
    }

    private static func argument(_ name: String, _ role: Role, _ schema: CallSignature.ValueSchema) -> Argument {
        Argument(name: name, role: role, schema: schema)
    }

    /// The eight calls, actions first.
    public static let operations: [Operation] = [
        Operation(
            name: "connectSource", kind: .action,
            arguments: [
                argument("owner", .owner, .string), argument("sourceType", .sourceType, .string),
                argument("sourceName", .sourceName, .string), argument("details", .details, CallSignature.details),
            ],
            result: "sourceAccount", errors: ["InvalidCredentialsError", "NetworkError", "DuplicateSourceError"]),
        Operation(
            name: "disconnectSource", kind: .action, arguments: [argument("sourceAccount", .sourceAccount, .string)],
            result: nil, errors: ["SourceNotFound"]),
        Operation(
            name: "pollExternalSource", kind: .action, arguments: [argument("sourceAccount", .sourceAccount, .string)],
            result: "rawExternalAssignments", errors: ["NetworkError", "ApiRateLimitError", "SourceConnectionError"]),
        Operation(
            name: "identifyChanges", kind: .action,
            arguments: [
                argument("sourceAccount", .sourceAccount, .string),
                argument("rawExternalAssignments", .rawExternalAssignments, .list(CallSignature.rawAssignment)),
            ],
            result: "assignmentsToProcess", errors: []),
        Operation(
            name: "recordInternalSync", kind: .action,
            arguments: [
                argument("sourceAccount", .sourceAccount, .string), argument("externalId", .externalId, .string),
                argument("internalId", .internalId, .string),
                argument("externalModificationTimestamp", .externalModificationTimestamp, .timestamp),
            ],
            result: nil, errors: []),
        Operation(name: "_getSourcesForUser", kind: .query, arguments: [argument("user", .user, .string)], result: "sources", errors: []),
        Operation(
            name: "_getMappedInternalId", kind: .query,
            arguments: [argument("externalId", .externalId, .string), argument("sourceAccount", .sourceAccount, .string)],
            result: "internalId", errors: []),
        Operation(
            name: "_getAssignmentsForSource", kind: .query, arguments: [argument("sourceAccount", .sourceAccount, .string)],
            result: "assignments", errors: []),
    ]

    /// The operation with the spec's name `name`.
    public static func named(_ name: String) -> Operation? { operations.first { $0.name == name } }

    /// Every error name the spec gives, in first-mention order (connect's, then disconnect's, poll's).
    public static var errorNames: [String] {
        operations.flatMap(\.errors).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Every name, actions first.
    public static var names: [String] { operations.map(\.name) }
}

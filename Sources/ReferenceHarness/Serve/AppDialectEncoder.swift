import ConformanceKit
import ExternalAssignmentSync
import KitPrimitives
import MockServerCore
import WireAdapter
import MutantGallery

/// Writes a ``ConceptResult`` as a deployed 6.104 app answers (``AppDialectResponder``): errors in
/// its own words, timestamps as epoch milliseconds, query results as arrays of documents with `_id`.
///
/// ```json
/// {"error":"Invalid credentials provided."}           an action error
/// [{"_id":"source-1","owner":"user-1","sourceType":"Canvas","sourceName":"6.104",
///   "details":{"baseUrl":"http://…"},"lastSuccessfulPoll":1756720800000}]
/// {"error":"Source account 'ghost' not found."}       a query error
/// ```
enum AppDialectEncoder {
    static func answer(for result: ConceptResult, call: ConceptCall) -> JSONValue {
        switch result {
        case .sourceAccount(let id): return .object([("sourceAccount", .string(id))])
        case .empty: return .object([])
        case .rawExternalAssignments(let raw): return .object([("rawExternalAssignments", .array(raw.map(rawAssignment)))])
        case .assignmentsToProcess(let items):
            return .object([("assignmentsToProcess", .array(items.map { item in
                .object([
                    ("externalId", .string(item.externalId)), ("details", details(item.details)),
                    ("externalModificationTimestamp", milliseconds(item.externalModificationTimestamp)),
                    ("existingInternalId", .string(item.existingInternalId?.rawValue)),
                ])
            }))])
        case .sources(let sources):
            return .array(sources.map { source in
                var fields: [(String, JSONValue)] = [
                    ("_id", .string(source.id)), ("owner", .string(source.owner)), ("sourceType", .string(source.sourceType)),
                    ("sourceName", .string(source.sourceName)), ("details", .object([("baseUrl", .string(source.baseUrl))])),
                ]
                switch source.lastSuccessfulPoll {
                case .absent: break
                case .never: fields.append(("lastSuccessfulPoll", .null))
                case .at(let instant): fields.append(("lastSuccessfulPoll", milliseconds(instant)))
                }
                return .object(fields)
            })
        case .internalId(let id): return .array([.object([("internalId", .string(id))])])
        case .assignments(let mappings):
            return .array(mappings.map { mapping in
                .object([
                    ("_id", .string((mapping.source ?? "") + ":" + mapping.externalId)), ("source", .string(mapping.source)),
                    ("externalId", .string(mapping.externalId)), ("internalAssignment", .string(mapping.internalAssignment)),
                    ("lastExternalModificationTimestamp", mapping.lastExternalModificationTimestamp.map(milliseconds) ?? .null),
                ])
            })
        case .error(let error):
            return .object([("error", .string(error.kind == .query ? queryText(error, call: call) : actionText(error, call: call)))])
        }
    }

    /// An action error in the app's words (the spec's name appears nowhere).
    static func actionText(_ error: ConceptError, call: ConceptCall) -> String {
        switch error.name {
        case "InvalidCredentialsError"?: return "Invalid credentials provided."
        case "NetworkError"?: return "Could not reach the external source. Please try again later."
        case "DuplicateSourceError"?:
            if case .connectSource(_, _, let name, _) = call { return "A source named '\(name)' already exists." }
            return "That source already exists."
        case "SourceNotFound"?: return "Source account '\(sourceAccount(of: call))' not found."
        case "ApiRateLimitError"?: return "The external source is rate limiting requests. Try again later."
        case "SourceConnectionError"?: return "The connection to the external source was lost. Please reconnect it."
        default: return error.message.isEmpty ? (error.name ?? "Something went wrong.") : error.message
        }
    }

    /// A query error with the id quoted and a trailing period, as 6.104 apps write them.
    static func queryText(_ error: ConceptError, call: ConceptCall) -> String {
        if error.message == "Source account not found" { return "Source account '\(sourceAccount(of: call))' not found." }
        return error.message.hasSuffix(".") ? error.message : error.message + "."
    }

    static func sourceAccount(of call: ConceptCall) -> String {
        switch call {
        case .disconnectSource(let s), .pollExternalSource(let s), .identifyChanges(let s, _), .recordInternalSync(let s, _, _, _),
            .getMappedInternalId(_, let s), .getAssignmentsForSource(let s):
            return s
        case .connectSource, .getSourcesForUser: return ""
        }
    }

    static func rawAssignment(_ raw: RawExternalAssignment) -> JSONValue {
        .object([
            ("externalId", .string(raw.externalId)), ("details", details(raw.details)),
            ("externalModificationTimestamp", milliseconds(raw.externalModificationTimestamp)),
        ])
    }

    static func details(_ details: ExternalAssignmentDetails) -> JSONValue {
        .object([("name", .string(details.name)), ("description", .string(details.description)), ("dueDate", details.dueDate.map(milliseconds) ?? .null)])
    }

    static func milliseconds(_ instant: Timestamp) -> JSONValue { .int(instant.millisecondsSinceEpoch) }
}

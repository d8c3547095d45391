import ConformanceKit
import ExternalAssignmentSync
import KitPrimitives
import MockServerCore
import WireAdapter
import MutantGallery

/// Reads a request body (the JSON object of the spec's named arguments, as ``WireRequestEncoder``
/// writes it) back into a ``ConceptCall``: the server side of the wire contract.
///
/// Ids and strings must be strings and timestamps RFC 3339 strings; an absent `description` or
/// `dueDate` reads as `null`; unknown fields (e.g. `sessionToken`) are ignored. A problem is an
/// ``ArgumentProblem`` naming the field, never quoting the connection details (they hold the token).
enum WireRequestDecoder {
    /// Why a body does not hold the call's arguments.
    struct ArgumentProblem: Error, Sendable, Hashable {
        /// What is wrong, naming the field.
        var message: String
    }

    /// The call `name` with the arguments in `body` (a JSON object), read by the argument names
    /// ``ConceptVocabulary`` gives.
    static func call(named name: String, body: JSONValue) throws(ArgumentProblem) -> ConceptCall {
        guard let operation = ConceptVocabulary.named(name) else { throw ArgumentProblem(message: "no such action or query: \(name)") }
        let root = WireField(value: body, path: "", profile: .strict)
        func field(_ role: ConceptVocabulary.Role) -> WireField { root[operation.argument(role)?.name ?? role.rawValue] }
        do throws(WireViolation) {
            switch name {
            case "connectSource":
                return .connectSource(
                    owner: try field(.owner).identifier(), sourceType: try field(.sourceType).string(),
                    sourceName: try field(.sourceName).string(), details: try connectionDetails(field(.details)))
            case "disconnectSource":
                return .disconnectSource(sourceAccount: try field(.sourceAccount).identifier())
            case "pollExternalSource":
                return .pollExternalSource(sourceAccount: try field(.sourceAccount).identifier())
            case "identifyChanges":
                return .identifyChanges(
                    sourceAccount: try field(.sourceAccount).identifier(),
                    rawExternalAssignments: try field(.rawExternalAssignments).elements().map { field throws(WireViolation) in
                        try rawAssignment(field)
                    })
            case "recordInternalSync":
                return .recordInternalSync(
                    sourceAccount: try field(.sourceAccount).identifier(), externalId: try field(.externalId).identifier(),
                    internalId: try field(.internalId).identifier(),
                    externalModificationTimestamp: try field(.externalModificationTimestamp).timestamp())
            case "_getSourcesForUser":
                return .getSourcesForUser(user: try field(.user).identifier())
            case "_getMappedInternalId":
                return .getMappedInternalId(externalId: try field(.externalId).identifier(), sourceAccount: try field(.sourceAccount).identifier())
            case "_getAssignmentsForSource":
                return .getAssignmentsForSource(sourceAccount: try field(.sourceAccount).identifier())
            default:
                throw WireViolation("no such action or query: \(name)")
            }
        } catch {
            throw ArgumentProblem(message: error.message)
        }
    }

    /// `{"apiToken": string, "baseUrl": string}`; a problem never quotes the values.
    private static func connectionDetails(_ field: WireField) throws(WireViolation) -> ConnectionDetails {
        guard case .string(let token)? = field["apiToken"].value, case .string(let baseUrl)? = field["baseUrl"].value else {
            throw field.violation("expected an object {\"apiToken\": string, \"baseUrl\": string}")
        }
        return ConnectionDetails(apiToken: token, baseUrl: baseUrl)
    }

    private static func rawAssignment(_ field: WireField) throws(WireViolation) -> RawExternalAssignment {
        let item = try field.object()
        let details = try item["details"].object()
        return RawExternalAssignment(
            externalId: try item["externalId"].identifier(),
            details: ExternalAssignmentDetails(
                name: try details["name"].string(), description: try details["description"].nullableString(absentAllowed: true),
                dueDate: try details["dueDate"].nullableTimestamp(absentAllowed: true)),
            externalModificationTimestamp: try item["externalModificationTimestamp"].timestamp())
    }
}

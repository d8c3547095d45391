import ConceptValues
import KitPrimitives
import MockServerCore
import ConformanceKit

/// Writes a ``ConceptCall`` as the JSON object of the spec's named arguments (README, "The wire contract").
///
/// ```json
/// {"owner":"user:alice","sourceType":"Canvas","sourceName":"6.104","details":{"apiToken":"…","baseUrl":"http://…"}}
/// {"sourceAccount":"source-1","rawExternalAssignments":[{"externalId":"50001",
///   "details":{"name":"PS1","description":null,"dueDate":"2025-09-10T03:59:59Z"},
///   "externalModificationTimestamp":"2025-08-30T10:00:00Z"}]}
/// {"sourceAccount":"source-1","externalId":"50001","internalId":"a1","externalModificationTimestamp":"…"}
/// {"user":"user:alice"}   {"externalId":"50001","sourceAccount":"source-1"}   {"sourceAccount":"source-1"}
/// ```
///
/// Timestamps are RFC 3339 as their source wrote them (a scenario's `"2025-09-01T07:00:00-06:00"` or
/// `".5Z"` goes out as written, so an implementation that compares them as text is caught) and in UTC
/// when computed; an absent description or due date is `null`. Both profiles send the
/// same bodies. The result contains the API token of a `connectSource` call: never log it.
package enum WireRequestEncoder {
    /// The body of `call`, with `extraFields` appended; an extra field whose name is one of the call's
    /// arguments replaces that argument (so an app's auth sync can be fed, e.g. `sessionToken`).
    package static func body(for call: ConceptCall, extraFields: [(name: String, value: JSONValue)] = []) -> JSONValue {
        var fields = arguments(of: call)
        for (name, value) in extraFields {
            if let position = fields.firstIndex(where: { $0.0 == name }) {
                fields[position].1 = value
            } else {
                fields.append((name, value))
            }
        }
        return .object(fields)
    }

    /// The spec's named arguments of `call`, in the spec's order (names from ``ConceptVocabulary``).
    package static func arguments(of call: ConceptCall) -> [(String, JSONValue)] {
        let values = values(of: call)
        return call.operation.arguments.compactMap { argument in values[argument.role].map { (argument.name, $0) } }
    }

    /// The JSON value of each of `call`'s arguments, by the role it plays.
    package static func values(of call: ConceptCall) -> [ConceptVocabulary.Role: JSONValue] {
        switch call {
        case .connectSource(let owner, let sourceType, let sourceName, let details):
            [
                .owner: .string(owner), .sourceType: .string(sourceType), .sourceName: .string(sourceName),
                .details: .object([("apiToken", .string(details.apiToken)), ("baseUrl", .string(details.baseUrl))]),
            ]
        case .disconnectSource(let source), .pollExternalSource(let source), .getAssignmentsForSource(let source):
            [.sourceAccount: .string(source)]
        case .identifyChanges(let source, let raw):
            [.sourceAccount: .string(source), .rawExternalAssignments: .array(raw.map(rawAssignment))]
        case .recordInternalSync(let source, let externalId, let internalId, let timestamp):
            [
                .sourceAccount: .string(source), .externalId: .string(externalId), .internalId: .string(internalId),
                .externalModificationTimestamp: timestampValue(timestamp),
            ]
        case .getSourcesForUser(let user):
            [.user: .string(user)]
        case .getMappedInternalId(let externalId, let source):
            [.externalId: .string(externalId), .sourceAccount: .string(source)]
        }
    }

    /// `{"externalId", "details", "externalModificationTimestamp"}`.
    package static func rawAssignment(_ raw: RawExternalAssignment) -> JSONValue {
        .object([
            ("externalId", .string(raw.externalId)),
            ("details", details(raw.details)),
            ("externalModificationTimestamp", timestampValue(raw.externalModificationTimestamp)),
        ])
    }

    /// `{"name", "description", "dueDate"}` with `null` for what is absent.
    package static func details(_ details: ExternalAssignmentDetails) -> JSONValue {
        .object([
            ("name", .string(details.name)),
            ("description", .string(details.description)),
            ("dueDate", details.dueDate.map(timestampValue) ?? .null),
        ])
    }

    /// An RFC 3339 string, as it was written (``Timestamp/asWritten``).
    package static func timestampValue(_ timestamp: Timestamp) -> JSONValue { .string(timestamp.asWritten) }
}

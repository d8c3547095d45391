import ConformanceKit
import ExternalAssignmentSync
import KitPrimitives
import MockServerCore
import WireAdapter
import MutantGallery

/// Writes a ``ConceptResult`` as the strict wire contract's answer (README, "The wire contract"): exactly what
/// ``WireDecoder`` reads in the strict profile.
///
/// ```json
/// {"sourceAccount":"source-1"}                        connectSource
/// {}                                                  disconnectSource, recordInternalSync
/// {"rawExternalAssignments":[{"externalId":"50001","details":{…},"externalModificationTimestamp":"…"}]}
/// {"assignmentsToProcess":[{…,"existingInternalId":null}]}
/// {"error":"DuplicateSourceError: …"}                 an action error
/// [{"sources":[{"sourceAccount":"source-1","owner":"user:alice","sourceType":"Canvas",
///   "sourceName":"6.104","baseUrl":"http://…","lastSuccessfulPoll":null}]}]
/// [{"internalId":"a1"}]
/// [{"assignments":[{"source":"source-1","externalId":"50001","internalAssignment":"a1",
///   "lastExternalModificationTimestamp":"…"}]}]
/// {"error":"Source account not found"}                a query error (the spec's message)
/// ```
///
/// An empty query result keeps its dictionary: `[{"sources":[]}]`, `[{"assignments":[]}]`. Sources
/// are written from ``SourceView`` (which has no token field), so no answer can carry a token.
enum WireResultEncoder {
    /// The answer body for `result`.
    static func answer(for result: ConceptResult) -> JSONValue {
        switch result {
        case .sourceAccount(let id):
            return .object([("sourceAccount", .string(id))])
        case .empty:
            return .object([])
        case .rawExternalAssignments(let raw):
            return .object([("rawExternalAssignments", .array(raw.map(WireRequestEncoder.rawAssignment)))])
        case .assignmentsToProcess(let items):
            return .object([("assignmentsToProcess", .array(items.map(assignmentToProcess)))])
        case .sources(let sources):
            return .array([.object([("sources", .array(sources.map(source)))])])
        case .internalId(let id):
            return .array([.object([("internalId", .string(id))])])
        case .assignments(let mappings):
            return .array([.object([("assignments", .array(mappings.map(mapping)))])])
        case .error(let error):
            return .object([("error", .string(errorText(error)))])
        }
    }

    /// `"Name: message"` (or `"Name"`) for an action error; the message alone for a query error.
    static func errorText(_ error: ConceptError) -> String {
        guard error.kind == .action, let name = error.name else { return error.message }
        return error.message.isEmpty ? name : "\(name): \(error.message)"
    }

    static func assignmentToProcess(_ item: AssignmentToProcess) -> JSONValue {
        .object([
            ("externalId", .string(item.externalId)),
            ("details", WireRequestEncoder.details(item.details)),
            ("externalModificationTimestamp", WireRequestEncoder.timestampValue(item.externalModificationTimestamp)),
            ("existingInternalId", .string(item.existingInternalId?.rawValue)),
        ])
    }

    /// A source object; `lastSuccessfulPoll` is `null` until the first successful poll.
    static func source(_ source: SourceView) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("sourceAccount", .string(source.id)), ("owner", .string(source.owner)), ("sourceType", .string(source.sourceType)),
            ("sourceName", .string(source.sourceName)), ("baseUrl", .string(source.baseUrl)),
        ]
        switch source.lastSuccessfulPoll {
        case .absent: break
        case .never: fields.append(("lastSuccessfulPoll", .null))
        case .at(let instant): fields.append(("lastSuccessfulPoll", WireRequestEncoder.timestampValue(instant)))
        }
        return .object(fields)
    }

    static func mapping(_ mapping: MappingView) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if let source = mapping.source { fields.append(("source", .string(source))) }
        fields += [
            ("externalId", .string(mapping.externalId)), ("internalAssignment", .string(mapping.internalAssignment)),
            ("lastExternalModificationTimestamp", mapping.lastExternalModificationTimestamp.map(WireRequestEncoder.timestampValue) ?? .null),
        ]
        return .object(fields)
    }
}

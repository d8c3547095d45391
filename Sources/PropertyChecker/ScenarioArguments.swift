import ConceptValues
import KitPrimitives
import ConformanceKit

/// A call's arguments by the spec's names, as a scenario step's `with:`.
package enum ScenarioArguments {
    package static func of(_ call: ConceptCall) -> ScenarioValue {
        switch call {
        case .connectSource(let owner, let type, let name, let details):
            .object([
                "owner": .string(owner), "sourceType": .string(type), "sourceName": .string(name),
                "details": .object(["apiToken": .string(details.apiToken), "baseUrl": .string(details.baseUrl)]),
            ])
        case .disconnectSource(let id), .pollExternalSource(let id), .getAssignmentsForSource(let id):
            .object(["sourceAccount": .string(id)])
        case .identifyChanges(let id, let raw):
            .object(["sourceAccount": .string(id), "rawExternalAssignments": .list(raw.map(ConceptResult.value))])
        case .recordInternalSync(let id, let externalId, let internalId, let stamp):
            .object([
                "sourceAccount": .string(id), "externalId": .string(externalId), "internalId": .string(internalId),
                "externalModificationTimestamp": .timestamp(stamp),
            ])
        case .getSourcesForUser(let user):
            .object(["user": .string(user)])
        case .getMappedInternalId(let externalId, let id):
            .object(["externalId": .string(externalId), "sourceAccount": .string(id)])
        }
    }
}

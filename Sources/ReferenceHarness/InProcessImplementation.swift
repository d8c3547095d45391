import ConformanceKit
import ExternalAssignmentSync
import KitPrimitives
import WireAdapter
import MutantGallery

/// The reference implementation (a ``SyncService``) called directly, with no transport.
public struct InProcessImplementation: ImplementationUnderTest {
    public let service: SyncService
    public let label: String

    public init(service: SyncService, label: String = "reference (in-process)") {
        self.service = service
        self.label = label
    }

    public func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        .success(await result(of: call))
    }

    private func result(of call: ConceptCall) async -> ConceptResult {
        do throws(SyncError) {
            switch call {
            case .connectSource(let owner, let type, let name, let details):
                let id = try await service.connectSource(owner: UserID(owner), sourceType: type, sourceName: name, details: details)
                return .sourceAccount(id.rawValue)
            case .disconnectSource(let source):
                try await service.disconnectSource(sourceAccount: SourceAccountID(source))
                return .empty
            case .pollExternalSource(let source):
                return .rawExternalAssignments(try await service.pollExternalSource(sourceAccount: SourceAccountID(source)))
            case .identifyChanges(let source, let raw):
                return .assignmentsToProcess(try await service.identifyChanges(sourceAccount: SourceAccountID(source), rawExternalAssignments: raw))
            case .recordInternalSync(let source, let externalId, let internalId, let timestamp):
                try await service.recordInternalSync(
                    sourceAccount: SourceAccountID(source), externalId: externalId, internalId: AssignmentID(internalId),
                    externalModificationTimestamp: timestamp)
                return .empty
            case .getSourcesForUser, .getMappedInternalId, .getAssignmentsForSource:
                return await query(call)
            }
        } catch {
            return .error(ConceptError(kind: .action, name: error.code.rawValue, message: error.message))
        }
    }

    private func query(_ call: ConceptCall) async -> ConceptResult {
        do throws(QueryError) {
            switch call {
            case .getSourcesForUser(let user):
                let sources = try await service._getSourcesForUser(user: UserID(user))
                return .sources(sources.map {
                    SourceView(id: $0.id.rawValue, owner: $0.owner.rawValue, sourceType: $0.sourceType, sourceName: $0.sourceName,
                               baseUrl: $0.baseUrl, lastSuccessfulPoll: $0.lastSuccessfulPoll.map(SourceView.PollStamp.at) ?? .never)
                })
            case .getMappedInternalId(let externalId, let source):
                return .internalId(try await service._getMappedInternalId(externalId: externalId, sourceAccount: SourceAccountID(source)).rawValue)
            case .getAssignmentsForSource(let source):
                let records = try await service._getAssignmentsForSource(sourceAccount: SourceAccountID(source))
                return .assignments(records.map {
                    MappingView(externalId: $0.externalId, internalAssignment: $0.internalAssignment.rawValue,
                                lastExternalModificationTimestamp: $0.lastExternalModificationTimestamp, source: $0.source.rawValue)
                })
            default:
                preconditionFailure("not a query: \(call)")
            }
        } catch {
            return .error(ConceptError(kind: .query, name: nil, message: error.message))
        }
    }
}

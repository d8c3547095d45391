import AsyncHTTPClient
import ExternalAssignmentSync
import KitPrimitives

/// A compact implementation of ExternalAssignmentSync for the bug gallery: its own in-memory state
/// (``MutantState``) and Canvas client (``MutantCanvasClient``), correct unless its ``bug`` says
/// otherwise. With ``MutantBug/none`` it must pass the checker; with any other bug the checker must
/// catch it.
public struct MutantImplementation: ImplementationUnderTest {
    public let bug: MutantBug
    let canvas: MutantCanvasClient
    let wallTime: @Sendable () -> Timestamp
    let store = MutantStore()

    /// A mutant calling Canvas through `http`, reading time from `wallTime`.
    public init(bug: MutantBug, http: HTTPClient, wallTime: @escaping @Sendable () -> Timestamp) {
        self.bug = bug
        if bug == .mappingsKeyedByExternalIdOnly { store.withState { $0.globalKeys = true } }
        if bug == .recordAppendsDuplicateMapping { store.withState { $0.appendOnly = true } }
        canvas = MutantCanvasClient(http: http, bug: bug)
        self.wallTime = wallTime
    }

    public var label: String { "mutant (\(bug))" }

    public func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        switch call {
        case .connectSource(let owner, let type, let name, let details):
            return .success(await connect(owner: owner, type: type, name: name, details: details))
        case .disconnectSource(let id):
            return .success(disconnect(id))
        case .pollExternalSource(let id):
            return .success(await poll(id))
        case .identifyChanges(let id, let raw):
            return .success(identify(id, raw))
        case .recordInternalSync(let id, let externalId, let internalId, let stamp):
            return .success(record(id, externalId, internalId, stamp))
        case .getSourcesForUser(let user):
            return .success(sources(of: user))
        case .getMappedInternalId(let externalId, let id):
            return .success(mappedInternalId(externalId, id))
        case .getAssignmentsForSource(let id):
            return .success(assignments(id))
        }
    }

    static func error(_ name: String, _ message: String) -> ConceptResult {
        .error(ConceptError(kind: .action, name: name, message: message))
    }

    static func queryError(_ message: String) -> ConceptResult {
        .error(ConceptError(kind: .query, name: nil, message: message))
    }

    private func connect(owner: String, type: String, name: String, details: ConnectionDetails) async -> ConceptResult {
        let duplicate = store.withState { state in
            state.sources.contains { !$0.listedAfterDisconnect && $0.sourceName == name && ($0.owner == owner || bug == .namesUniqueAcrossOwners) }
        }
        if duplicate, bug != .duplicateNameCheckMissing { return Self.error("DuplicateSourceError", "the owner already has a source named \(name)") }
        guard type == "Canvas" else { return Self.error("UnsupportedSourceType", "no connector for \(type)") }
        if let failure = await canvas.validate(details) {
            if bug == .failedConnectKeepsSource {
                store.withState { state in
                    state.issued += 1
                    state.sources.append(.init(id: "source-\(state.issued)", owner: owner, sourceType: type, sourceName: name, details: details))
                }
            }
            return Self.error(failure.name, failure.message)
        }
        let id = store.withState { state in
            state.issued += 1
            let id = "source-\(state.issued)"
            state.sources.append(.init(id: id, owner: owner, sourceType: type, sourceName: name, details: details))
            if bug == .reconnectResurrectsMappings, let old = state.graveyard.removeValue(forKey: owner + "\u{0}" + name) {
                state.mappings[id] = old
            }
            return id
        }
        return .sourceAccount(id)
    }

    private func disconnect(_ id: String) -> ConceptResult {
        store.withState { state in
            guard let index = state.sources.firstIndex(where: { $0.id == id && !$0.listedAfterDisconnect }) else {
                return Self.error("SourceNotFound", "no source \(id)")
            }
            let source = state.sources[index]
            if bug == .disconnectLeavesSourceListed {
                state.sources[index].listedAfterDisconnect = true
            } else {
                state.sources.remove(at: index)
            }
            if bug == .reconnectResurrectsMappings { state.graveyard[source.owner + "\u{0}" + source.sourceName] = state.mappings[id] }
            if bug != .disconnectKeepsMappings { state.mappings[id] = nil }
            return .empty
        }
    }

    private func poll(_ id: String) async -> ConceptResult {
        guard let details = store.withState({ $0.source(id)?.details }) else { return Self.error("SourceNotFound", "no source \(id)") }
        let fetched = await canvas.fetch(details)
        let now = wallTime()
        return store.withState { state in
            guard let index = state.sources.firstIndex(where: { $0.id == id && !$0.listedAfterDisconnect }) else {
                return Self.error("SourceNotFound", "no source \(id)")
            }
            switch fetched {
            case .success(let list):
                if bug != .lastPollOnlyFirstSuccess || state.sources[index].lastSuccessfulPoll == nil {
                    state.sources[index].lastSuccessfulPoll = now
                }
                return .rawExternalAssignments(list)
            case .failure(let failure):
                if bug == .lastPollSetOnFailure { state.sources[index].lastSuccessfulPoll = now }
                return Self.error(failure.name, failure.message)
            }
        }
    }
}

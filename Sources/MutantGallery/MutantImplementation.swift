import AsyncHTTPClient
import ConceptValues
import KitPrimitives
import NIOCore
import ConformanceKit
import PropertyChecker

/// A compact implementation of ExternalAssignmentSync for the bug gallery: its own in-memory state
/// (``MutantState``), Canvas client (``MutantCanvasClient``) and GitHub Classroom client
/// (``MutantGitHubClient``, stamped against what each source's last poll gave), correct unless its
/// ``bug`` says otherwise. With ``MutantBug/none`` it must pass the checker on both platforms; with
/// any other bug the checker must catch it on each platform the bug has a meaning on.
public struct MutantImplementation: ImplementationUnderTest {
    public let bug: MutantBug
    let canvas: MutantCanvasClient
    let gitHub: MutantGitHubClient
    let wallTime: @Sendable () -> Timestamp
    let store = MutantStore()

    /// A mutant calling the platforms through `http`, reading time from `wallTime`, giving up on a
    /// platform request after `platformTimeout`.
    public init(bug: MutantBug, http: HTTPClient, wallTime: @escaping @Sendable () -> Timestamp, platformTimeout: Duration = .seconds(30)) {
        self.bug = bug
        if bug == .mappingsKeyedByExternalIdOnly { store.withState { $0.globalKeys = true } }
        if bug == .recordAppendsDuplicateMapping { store.withState { $0.appendOnly = true } }
        let timeout = TimeAmount(platformTimeout)
        canvas = MutantCanvasClient(http: http, bug: bug, timeout: timeout)
        gitHub = MutantGitHubClient(http: http, bug: bug, timeout: timeout)
        self.wallTime = wallTime
    }

    /// The mutant's HTTP client: HTTP/1.1, no redirects, a refused connection reported at once.
    public static func makeHTTPClient(platformTimeout: Duration) -> HTTPClient {
        let timeout = TimeAmount(platformTimeout)
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout))
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
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
            return .success(await record(id, externalId, internalId, stamp))
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
        guard let platform = SourcePlatform.allCases.first(where: { $0.sourceType == type }) else {
            return Self.error("UnsupportedSourceType", "no connector for \(type)")
        }
        let failure = platform == .canvas ? await canvas.validate(details) : await gitHub.validate(details)
        if let failure {
            if bug == .failedConnectKeepsSource {
                store.withState { state in
                    state.issued += 1
                    state.sources.append(.init(id: "source-\(state.issued)", owner: owner, sourceType: type, sourceName: name, details: details))
                }
            }
            if bug == .networkErrorAtConnectAsInvalidCredentials, failure.name == "NetworkError" {
                return Self.error("InvalidCredentialsError", "the details were not accepted")
            }
            return Self.error(failure.name, failure.message)
        }
        if bug == .duplicateCheckNotAtomic { await Self.storeRoundTrip() }
        let id = store.withState { state -> String? in
            // The name is checked again where the source is inserted, under the same lock: the check
            // before validating only saves a platform request.
            let taken = state.sources.contains { !$0.listedAfterDisconnect && $0.sourceName == name && ($0.owner == owner || bug == .namesUniqueAcrossOwners) }
            if taken, bug != .duplicateNameCheckMissing, bug != .duplicateCheckNotAtomic { return nil }
            state.issued += 1
            let id = "source-\(state.issued)"
            state.sources.append(.init(id: id, owner: owner, sourceType: type, sourceName: name, details: details))
            if bug == .reconnectResurrectsMappings, let old = state.graveyard.removeValue(forKey: owner + "\u{0}" + name) {
                state.mappings[id] = old
            }
            return id
        }
        guard let id else { return Self.error("DuplicateSourceError", "the owner already has a source named \(name)") }
        return .sourceAccount(id)
    }

    /// A write to a store a network round trip away (the window the race bugs leave open): long
    /// enough that clients started together overlap on a busy machine too.
    static func storeRoundTrip() async {
        try? await Task.sleep(for: .milliseconds(50))
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
            state.ledgers[id] = nil
            return .empty
        }
    }

    private func poll(_ id: String) async -> ConceptResult {
        guard let source = store.withState({ $0.source(id) }) else { return Self.error("SourceNotFound", "no source \(id)") }
        let fetched: Result<FetchedAssignments, MutantCanvasClient.Failure>
        if source.sourceType == SourcePlatform.gitHubClassroom.sourceType {
            fetched = await gitHub.fetch(source.details).map(FetchedAssignments.fingerprinted)
        } else {
            fetched = await canvas.fetch(source.details).map(FetchedAssignments.timestamped)
        }
        let now = wallTime()
        return store.withState { state in
            guard let index = state.sources.firstIndex(where: { $0.id == id && !$0.listedAfterDisconnect }) else {
                return Self.error("SourceNotFound", "no source \(id)")
            }
            switch fetched {
            case .success(let assignments):
                if bug != .lastPollOnlyFirstSuccess || state.sources[index].lastSuccessfulPoll == nil {
                    state.sources[index].lastSuccessfulPoll = now
                }
                return .rawExternalAssignments(stamp(assignments, source: id, now: now, state: &state))
            case .failure(let failure):
                if bug == .lastPollSetOnFailure { state.sources[index].lastSuccessfulPoll = now }
                return Self.error(failure.name, failure.message)
            }
        }
    }

    /// A successful poll's list: Canvas's as fetched; GitHub Classroom's stamped against what the
    /// source's last successful poll gave (the mutant's own ledger), which is then replaced (or, for
    /// the GitHub bugs, stamped wrongly). Unchanged content keeps its stamp, changed content gets the
    /// poll's time or 1 ms past the old stamp, new content the poll's time.
    private func stamp(_ fetched: FetchedAssignments, source id: String, now: Timestamp, state: inout MutantState) -> [RawExternalAssignment] {
        guard case .fingerprinted(let items) = fetched else {
            if case .timestamped(let list) = fetched { return list }
            return []
        }
        let earlier = state.ledgers[id] ?? [:]
        var order: [String] = []
        var latest: [String: ExternalAssignmentDetails] = [:]
        for item in items where latest.updateValue(item.details, forKey: item.externalId) == nil { order.append(item.externalId) }
        var stamped = order.map { externalId in
            let details = latest[externalId]!
            var stamp = now
            if let old = earlier[externalId] {
                let unchanged = Array(old.details.name.utf8) == Array(details.name.utf8) && old.details.dueDate == details.dueDate
                    && old.details.description.map { Array($0.utf8) } == details.description.map { Array($0.utf8) }
                switch bug {
                case .unchangedContentRestamped: stamp = now
                case .changedContentKeepsStamp: stamp = old.externalModificationTimestamp
                default: stamp = unchanged ? old.externalModificationTimestamp : max(now, old.externalModificationTimestamp.advanced(by: .milliseconds(1)))
                }
            }
            return RawExternalAssignment(externalId: externalId, details: details, externalModificationTimestamp: stamp)
        }
        state.ledgers[id] = Dictionary(uniqueKeysWithValues: stamped.map { ($0.externalId, $0) })
        if bug == .repeatedExternalIdKeptTwice {
            let byId = Dictionary(stamped.map { ($0.externalId, $0) }, uniquingKeysWith: { first, _ in first })
            stamped = items.compactMap { byId[$0.externalId] }
        }
        return stamped
    }
}

import ConceptValues
import KitPrimitives

/// An executable model of ExternalAssignmentSync, written from the spec and the kit's interpretations (Scenarios/README.md) alone.
///
/// It never calls the reference implementation's logic, so the two can disagree. For each call it
/// gives the set of allowed answers (``expectation(for:platform:)``), and after the implementation
/// answered it moves to the next state (``apply(_:result:platform:)``), which depends on the answer
/// when several were allowed (a connect after a transient fault may have failed or succeeded).
///
/// ```swift
/// var model = SyncModel(policy: .inProcess)
/// let call = ConceptCall.connectSource(owner: "u1", sourceType: "Canvas", sourceName: "A", details: details)
/// let expected = model.expectation(for: call, platform: context)
/// let result = await implementation.perform(call)
/// if let mismatch = expected.judge(result, policy: model.policy) { ... }
/// model.apply(call, result: result, platform: context)
/// ```
public struct SyncModel: Sendable, Hashable {
    /// How answers are judged.
    public var policy: ModelPolicy
    /// The platform the case's sources live on: where poll results come from, and whether their
    /// timestamps are the platform's (Canvas) or the connector's, derived from fingerprints through a
    /// per-source ledger (GitHub Classroom, ``ModelSource/ledger``).
    public var platform: SourcePlatform
    /// The source type the platform connector serves (``SourcePlatform/sourceType``: `Canvas`,
    /// `GitHub Classroom`).
    public var supportedSourceType: String
    /// Connected sources, in connection order.
    public private(set) var sources: [ModelSource] = []
    /// Disconnected sources, in disconnection order.
    public private(set) var disconnected: [DisconnectedSource] = []
    /// Every id the implementation issued, in issue order.
    public private(set) var issuedIDs: [String] = []

    /// A model of sources on `platform`, connected with its `sourceType`.
    public init(policy: ModelPolicy = .inProcess, platform: SourcePlatform) {
        self.policy = policy
        self.platform = platform
        supportedSourceType = platform.sourceType
    }

    /// A model whose connector serves `supportedSourceType` (a platform's name, else Canvas's rules).
    public init(policy: ModelPolicy = .inProcess, supportedSourceType: String = SourcePlatform.canvas.sourceType) {
        self.policy = policy
        platform = SourcePlatform(named: supportedSourceType) ?? .canvas
        self.supportedSourceType = supportedSourceType
    }

    /// The connected source with `id`.
    public func source(_ id: String) -> ModelSource? {
        sources.first { $0.id == id }
    }

    /// The owner's connected sources, in connection order.
    public func sources(ownedBy owner: String) -> [ModelSource] {
        sources.filter { $0.owner == owner }
    }

    /// The allowed answers to `call`.
    public func expectation(for call: ConceptCall, platform: PlatformContext) -> Expectation {
        switch call {
        case .connectSource(let owner, let type, let name, _):
            return expectConnect(owner: owner, sourceType: type, sourceName: name, platform: platform)
        case .disconnectSource(let id):
            return expectDisconnect(id)
        case .pollExternalSource(let id):
            return expectPoll(id, platform: platform)
        case .identifyChanges(let id, let raw):
            return expectIdentify(id, raw)
        case .recordInternalSync(let id, _, _, _):
            return expectRecord(id)
        case .getSourcesForUser(let user):
            return Expectation(
                success: .sources(sources(ownedBy: user).map(ExpectedSourceView.init)),
                clauses: ["_getSourcesForUser.effects", "interp.last-poll", "interp.token-secrecy"], rule: "every source the user owns, and no other")
        case .getMappedInternalId(let externalId, let id):
            return expectMappedInternalId(externalId, id)
        case .getAssignmentsForSource(let id):
            return expectAssignments(id)
        }
    }

    /// Moves to the state after `call` answered `result`. Answers the expectation did not allow
    /// leave the state unchanged (the run fails at that step anyway).
    public mutating func apply(_ call: ConceptCall, result: ConceptResult, platform: PlatformContext) {
        guard expectation(for: call, platform: platform).judge(result, policy: policy) == nil else { return }
        switch (call, result) {
        case (.connectSource(let owner, let type, let name, let details), .sourceAccount(let id)):
            let earlier = disconnected.filter { $0.owner == owner && $0.sourceName == name }.map(\.id)
            sources.append(ModelSource(
                id: id, owner: owner, sourceType: type, sourceName: name, token: details.apiToken, baseUrl: details.baseUrl,
                earlierIDs: earlier))
            issuedIDs.append(id)
        case (.disconnectSource(let id), .empty):
            guard let index = sources.firstIndex(where: { $0.id == id }) else { return }
            let source = sources.remove(at: index)
            disconnected.append(DisconnectedSource(
                id: id, owner: source.owner, sourceName: source.sourceName, formerlyMapped: source.mappings.keys.sorted()))
        case (.pollExternalSource(let id), .rawExternalAssignments(let list)):
            guard let index = sources.firstIndex(where: { $0.id == id }) else { return }
            if stampsByFingerprint { sources[index].ledger = Self.ledger(after: list) }
            switch policy.match.clock {
            case .virtual: sources[index].lastPoll = .exactly(platform.now)
            case .own: sources[index].lastPoll = .sinceSuccess(notBefore: sources[index].lastPoll.floor)
            }
        case (.recordInternalSync(let id, let externalId, let internalId, let stamp), .empty):
            guard let index = sources.firstIndex(where: { $0.id == id }) else { return }
            sources[index].mappings[externalId] = ModelMapping(internalId: internalId, timestamp: stamp)
        default:
            break
        }
    }

    /// Pins an implementation-clock `lastSuccessfulPoll` to the value observed after a success.
    public mutating func observeLastPoll(of id: String, _ stamp: SourceView.PollStamp) {
        guard let index = sources.firstIndex(where: { $0.id == id }), case .sinceSuccess = sources[index].lastPoll,
            case .at(let instant) = stamp
        else { return }
        sources[index].lastPoll = .exactly(instant)
    }

    /// Marks a source as touched by a `recordInternalSync` outside the application driver.
    public mutating func markRecordedOutsideApplication(_ id: String) {
        guard let index = sources.firstIndex(where: { $0.id == id }) else { return }
        sources[index].recordedOutsideApplication = true
    }
}

extension LastPollExpectation {
    /// The last known instant, if any.
    package var floor: Timestamp? {
        switch self {
        case .never: nil
        case .exactly(let t): t
        case .sinceSuccess(let t): t
        }
    }
}

extension SyncModel {
    /// Adds `externalIds` to the delink probes of the disconnected source `id`: ids that a record
    /// racing its disconnect may or may not have mapped. The query must fail either way, and
    /// probing them whichever call won keeps the history a function of the seed.
    public mutating func probeAsDelinked(_ externalIds: [String], of id: String) {
        guard let index = disconnected.firstIndex(where: { $0.id == id }) else { return }
        disconnected[index].formerlyMapped = Array(Set(disconnected[index].formerlyMapped + externalIds)).sorted()
    }
}

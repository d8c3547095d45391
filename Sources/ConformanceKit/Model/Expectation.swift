import ConceptValues
import KitPrimitives

/// The set of answers the model allows for one call: a success of a given shape, some errors, or
/// both (interpretation 14 (Scenarios/README.md): after a transient fault, the mapped error *or* the complete result).
///
/// ```swift
/// let expectation = model.expectation(for: .pollExternalSource(sourceAccount: "source-1"), platform: context)
/// if let mismatch = expectation.judge(result, policy: .inProcess) { print(mismatch) }
/// ```
public struct Expectation: Sendable, Hashable {
    /// The success allowed, if any.
    public var success: ExpectedSuccess?
    /// The errors allowed.
    public var errors: ExpectedErrors = .none
    /// The clause ids (``ClauseCatalogue``) this expectation rests on.
    public var clauses: [String]
    /// Why, in a few words (shown with a mismatch).
    public var rule: String

    /// Whether exactly one outcome is allowed (no alternatives): scenario files can then pin it.
    public var isSingleOutcome: Bool {
        switch (success, errors) {
        case (.some, .none): true
        case (.none, .action(let names, _)): names.count == 1
        case (.none, .query): true
        default: false
        }
    }
}

/// The errors an expectation allows.
public enum ExpectedErrors: Sendable, Hashable {
    /// No error.
    case none
    /// An action error with one of these spec names (sorted). `level` says how binding the names
    /// are: at `SHOULD` level a run that does not enforce SHOULD accepts any name.
    case action([String], level: ScenarioLevel)
    /// Some action error, whatever its name (interpretation 15, Scenarios/README.md).
    case anyAction
    /// A query error with exactly the spec's message.
    case query(String)

    /// Adds names (keeping them sorted and unique; `anyAction` stays).
    func adding(_ more: [String]) -> ExpectedErrors {
        guard !more.isEmpty else { return self }
        switch self {
        case .none: return .action(Array(Set(more)).sorted(), level: .must)
        case .action(let names, let level): return .action(Array(Set(names + more)).sorted(), level: level)
        case .anyAction, .query: return self
        }
    }

    /// The names, for messages.
    var rendering: String {
        switch self {
        case .none: "no error"
        case .action(let names, let level): "error " + names.joined(separator: " or ") + (level == .must ? "" : " (\(level))")
        case .anyAction: "some error"
        case .query(let message): "query error \"\(message)\""
        }
    }
}

/// The shape of an allowed success.
public enum ExpectedSuccess: Sendable, Hashable {
    /// `connectSource`: a fresh id, never issued before (interpretation 13, Scenarios/README.md).
    case newSource(notIn: Set<String>)
    /// An action with no named results.
    case empty
    /// `pollExternalSource`: the platform's list.
    case rawAssignments(PlatformListExpectation)
    /// `identifyChanges`: per externalId, the acceptable items: each `required` one exactly once,
    /// each `optional` one at most once, nothing else.
    case assignmentsToProcess([String: [AssignmentToProcess]], optional: [String: [AssignmentToProcess]] = [:])
    /// `_getSourcesForUser`: exactly these sources.
    case sources([ExpectedSourceView])
    /// `_getMappedInternalId`.
    case internalId(String)
    /// `_getAssignmentsForSource`: exactly these mappings (each externalId once).
    case mappings([String: ModelMapping])
}

/// A source as `_getSourcesForUser` must show it; fields the implementation leaves out are not checked.
public struct ExpectedSourceView: Sendable, Hashable {
    public var id: String
    public var owner: String
    public var sourceType: String
    public var sourceName: String
    public var baseUrl: String
    public var lastPoll: LastPollExpectation

    public init(_ source: ModelSource) {
        id = source.id
        owner = source.owner
        sourceType = source.sourceType
        sourceName = source.sourceName
        baseUrl = source.baseUrl
        lastPoll = source.lastPoll
    }
}

/// What a poll must return: every assignment the token can see, each once (interpretation 5, Scenarios/README.md). When
/// the platform changed during the poll (a `world_change` fault between pages), an assignment seen
/// before and after must be there, in either version, and one seen only on one side may be.
public struct PlatformListExpectation: Sendable, Hashable {
    /// externalId → acceptable versions; each must appear exactly once.
    public var required: [String: [RawExternalAssignment]]
    /// externalId → acceptable versions; each may appear at most once.
    public var optional: [String: [RawExternalAssignment]] = [:]
    /// On a platform without modification times, judged on an implementation's own clock: the
    /// source's ledger, against which timestamps are checked by rule instead of exactly (see
    /// ``SyncModel/stampsByFingerprint``). Nil: timestamps must equal the listed versions'.
    public var ownClockLedger: StampLedger?

    /// Exactly `list`.
    public static func exactly(_ list: [RawExternalAssignment]) -> PlatformListExpectation {
        between(list, list)
    }

    /// What a poll that ran while the platform went from `before` to `after` may return.
    public static func between(_ before: [RawExternalAssignment], _ after: [RawExternalAssignment]) -> PlatformListExpectation {
        var versions: [String: [RawExternalAssignment]] = [:]
        var inBefore = Set<String>(), inAfter = Set<String>()
        for item in before {
            inBefore.insert(item.externalId)
            versions[item.externalId, default: []].append(item)
        }
        for item in after {
            inAfter.insert(item.externalId)
            if !(versions[item.externalId]?.contains(item) ?? false) { versions[item.externalId, default: []].append(item) }
        }
        var required: [String: [RawExternalAssignment]] = [:], optional: [String: [RawExternalAssignment]] = [:]
        for (id, list) in versions {
            if inBefore.contains(id) && inAfter.contains(id) { required[id] = list } else { optional[id] = list }
        }
        return PlatformListExpectation(required: required, optional: optional)
    }
}

import ConceptValues
import KitPrimitives

/// How strictly the model judges answers: the transport's policy (whose clock, unnamed errors,
/// absent fields) and whether SHOULD-level error names are required.
public struct ModelPolicy: Sendable, Hashable {
    /// What the transport and profile allow (``MatchPolicy``).
    public var match: MatchPolicy
    /// Whether an error name the kit only reads into the spec (SHOULD, e.g. `SourceNotFound` from
    /// `pollExternalSource` on an unknown source) must be exactly that name. Off, any error passes.
    public var enforcesShouldLevel: Bool

    public init(match: MatchPolicy = .inProcess, enforcesShouldLevel: Bool = true) {
        self.match = match
        self.enforcesShouldLevel = enforcesShouldLevel
    }

    /// In-process, virtual clock, everything enforced.
    public static let inProcess = ModelPolicy()
}

extension Expectation {
    /// Why `result` is not allowed, or nil when it is.
    public func judge(_ result: ConceptResult, policy: ModelPolicy) -> Mismatch? {
        if case .error(let error) = result { return judge(error: error, result: result, policy: policy) }
        guard let success else {
            return Mismatch(path: "", expected: errors.rendering, actual: result.actual.summary, detail: "rule: \(rule)")
        }
        return judge(success: success, result: result, policy: policy)
    }

    private func judge(error: ConceptError, result: ConceptResult, policy: ModelPolicy) -> Mismatch? {
        let fail = { (why: String) in
            Mismatch(path: "", expected: self.expectedRendering, actual: result.actual.summary, detail: "\(why); rule: \(self.rule)")
        }
        switch errors {
        case .none:
            return fail("no error is allowed here")
        case .anyAction:
            return nil
        case .action(let names, let level):
            guard let name = error.name else {
                return policy.match.acceptsUnnamedErrors ? nil : fail("the error carries no spec name")
            }
            if names.contains(name) { return nil }
            if level != .must, !policy.enforcesShouldLevel { return nil }
            return fail("\(name) is not among the allowed names")
        case .query(let message):
            if error.message == message || !policy.match.comparesQueryMessages { return nil }
            return fail("the query error's message differs from the spec's")
        }
    }

    /// Success and errors, for messages.
    package var expectedRendering: String {
        var parts: [String] = []
        if let success { parts.append(success.rendering) }
        if errors != .none { parts.append(errors.rendering) }
        return parts.joined(separator: " or ")
    }

    private func judge(success: ExpectedSuccess, result: ConceptResult, policy: ModelPolicy) -> Mismatch? {
        switch (success, result) {
        case (.newSource(let issued), .sourceAccount(let id)):
            if id.isEmpty { return Mismatch(path: "sourceAccount", expected: "a non-empty id", actual: "\"\"") }
            if issued.contains(id) {
                return Mismatch(path: "sourceAccount", expected: "a fresh id (interpretation 13, Scenarios/README.md)", actual: "\(id), which was issued before")
            }
            return nil
        case (.empty, .empty):
            return nil
        case (.rawAssignments(let expected), .rawExternalAssignments(var list)):
            if let ledger = expected.ownClockLedger {
                let normalized = expected.normalizingStamps(list, ledger: ledger)
                if let mismatch = normalized.mismatch { return mismatch }
                list = normalized.list
            }
            return Self.judgeList(
                list.map { ($0.externalId, $0) }, required: expected.required, optional: expected.optional, name: "rawExternalAssignments")
        case (.assignmentsToProcess(let expected, let optional), .assignmentsToProcess(let list)):
            return Self.judgeList(list.map { ($0.externalId, $0) }, required: expected, optional: optional, name: "assignmentsToProcess")
        case (.sources(let expected), .sources(let views)):
            return Self.judgeSources(expected, views, policy: policy)
        case (.internalId(let expected), .internalId(let actual)):
            return expected == actual ? nil : Mismatch(path: "internalId", expected: expected, actual: actual)
        case (.mappings(let expected), .assignments(let views)):
            return Self.judgeMappings(expected, views)
        default:
            return Mismatch(path: "", expected: expectedRendering, actual: result.actual.summary, detail: "rule: \(rule)")
        }
    }

    /// Each id at most once; required ids present; no ids beyond required and optional; each item
    /// one of its acceptable versions.
    package static func judgeList<Item: Hashable>(
        _ items: [(String, Item)], required: [String: [Item]], optional: [String: [Item]], name: String
    ) -> Mismatch? {
        var seen: [String: Int] = [:]
        for (id, _) in items { seen[id, default: 0] += 1 }
        if let repeated = seen.filter({ $0.value > 1 }).keys.sorted().first {
            return Mismatch(
                path: "\(name)[externalId=\(repeated)]", expected: "each externalId once",
                actual: "listed \(seen[repeated]!) times", detail: "ids: \(items.map(\.0).joined(separator: ", "))")
        }
        let missing = required.keys.filter { seen[$0] == nil }.sorted()
        let unexpected = seen.keys.filter { required[$0] == nil && optional[$0] == nil }.sorted()
        if !missing.isEmpty || !unexpected.isEmpty {
            var detail: [String] = []
            if !missing.isEmpty { detail.append("missing: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { detail.append("unexpected: \(unexpected.joined(separator: ", "))") }
            return Mismatch(
                path: name, expected: "externalIds {\(required.keys.sorted().joined(separator: ", "))}",
                actual: "{\(seen.keys.sorted().joined(separator: ", "))}", detail: detail.joined(separator: "\n"))
        }
        for (id, item) in items.sorted(by: { $0.0 < $1.0 }) {
            let acceptable = required[id] ?? optional[id] ?? []
            if !acceptable.contains(item) {
                return Mismatch(
                    path: "\(name)[externalId=\(id)]", expected: acceptable.map { "\($0)" }.joined(separator: " or "), actual: "\(item)")
            }
        }
        return nil
    }

    package static func judgeSources(_ expected: [ExpectedSourceView], _ views: [SourceView], policy: ModelPolicy) -> Mismatch? {
        let ids = views.map(\.id)
        if Set(ids).count != ids.count {
            return Mismatch(path: "sources", expected: "each source once", actual: ids.joined(separator: ", "))
        }
        if Set(ids) != Set(expected.map(\.id)) {
            return Mismatch(
                path: "sources", expected: "ids {\(expected.map(\.id).sorted().joined(separator: ", "))}",
                actual: "{\(ids.sorted().joined(separator: ", "))}")
        }
        for view in views.sorted(by: { $0.id < $1.id }) {
            let model = expected.first { $0.id == view.id }!
            let path = "sources[id=\(view.id)]"
            for (field, actual, wanted) in [
                ("owner", view.owner, model.owner), ("sourceType", view.sourceType, model.sourceType),
                ("sourceName", view.sourceName, model.sourceName), ("baseUrl", view.baseUrl, model.baseUrl),
            ] {
                if let actual, actual != wanted { return Mismatch(path: "\(path).\(field)", expected: wanted, actual: actual) }
            }
            if let problem = judgeLastPoll(model.lastPoll, view.lastSuccessfulPoll, policy: policy) {
                return Mismatch(path: "\(path).lastSuccessfulPoll", expected: model.lastPoll.description, actual: problem)
            }
        }
        return nil
    }

    /// nil when `stamp` is allowed, else the rendering of what was seen.
    package static func judgeLastPoll(_ expected: LastPollExpectation, _ stamp: SourceView.PollStamp, policy: ModelPolicy) -> String? {
        switch (expected, stamp) {
        case (_, .absent): return policy.match.acceptsAbsentLastSuccessfulPoll ? nil : "absent"
        case (.never, .never): return nil
        case (.never, .at(let t)): return t.rfc3339()
        case (.exactly, .never), (.sinceSuccess, .never): return "null"
        case (.exactly(let wanted), .at(let t)): return wanted == t ? nil : t.rfc3339()
        case (.sinceSuccess(let floor), .at(let t)):
            guard let floor else { return nil }
            return t >= floor ? nil : "\(t.rfc3339()), before the previous \(floor.rfc3339())"
        }
    }

    package static func judgeMappings(_ expected: [String: ModelMapping], _ views: [MappingView]) -> Mismatch? {
        var seen: [String: Int] = [:]
        for view in views { seen[view.externalId, default: 0] += 1 }
        if let repeated = seen.filter({ $0.value > 1 }).keys.sorted().first {
            return Mismatch(
                path: "assignments[externalId=\(repeated)]", expected: "at most one mapping per (source, externalId)",
                actual: "\(seen[repeated]!) mappings")
        }
        if Set(seen.keys) != Set(expected.keys) {
            return Mismatch(
                path: "assignments", expected: "externalIds {\(expected.keys.sorted().joined(separator: ", "))}",
                actual: "{\(seen.keys.sorted().joined(separator: ", "))}")
        }
        for view in views.sorted(by: { $0.externalId < $1.externalId }) {
            let model = expected[view.externalId]!
            let path = "assignments[externalId=\(view.externalId)]"
            if view.internalAssignment != model.internalId {
                return Mismatch(path: "\(path).internalAssignment", expected: model.internalId, actual: view.internalAssignment)
            }
            if let stamp = view.lastExternalModificationTimestamp, stamp != model.timestamp {
                return Mismatch(path: "\(path).lastExternalModificationTimestamp", expected: model.timestamp.rfc3339(), actual: stamp.rfc3339())
            }
        }
        return nil
    }
}

extension ExpectedSuccess {
    /// A short rendering for messages.
    package var rendering: String {
        switch self {
        case .newSource: "{sourceAccount: <fresh id>}"
        case .empty: "{}"
        case .rawAssignments(let list):
            "rawExternalAssignments {\(list.required.keys.sorted().joined(separator: ", "))}"
                + (list.optional.isEmpty ? "" : " + maybe {\(list.optional.keys.sorted().joined(separator: ", "))}")
        case .assignmentsToProcess(let items, let optional):
            "assignmentsToProcess {\(items.keys.sorted().joined(separator: ", "))}"
                + (optional.isEmpty ? "" : " + maybe {\(optional.keys.sorted().joined(separator: ", "))}")
        case .sources(let views): "sources {\(views.map(\.id).sorted().joined(separator: ", "))}"
        case .internalId(let id): "{internalId: \(id)}"
        case .mappings(let mappings): "assignments {\(mappings.keys.sorted().joined(separator: ", "))}"
        }
    }
}

import ExternalAssignmentSync
import KitPrimitives

extension ScenarioExecution {
    /// What the runner knows about one connected source in a GitHub Classroom run: its token, the
    /// fingerprint ledger its last successful poll left (the reference's, rebuilt from the platform
    /// oracle), and the stamps that poll gave.
    struct SourceShadow: Sendable {
        var token: String
        var ledger = FingerprintLedger()
        /// Canvas's timestamp and the poll's stamp, by externalId, from the last successful poll.
        var stamps: [String: StampPair] = [:]
        /// ExternalIds Canvas would have shown and GitHub did not, at the last successful poll.
        var dropped: Set<String> = []
        /// How many items Canvas would have shown and GitHub showed, at the last successful poll.
        var counts: (canvas: Int, gitHub: Int)?
    }

    /// An item's timestamp on Canvas (nil: not on Canvas) and what stands for it on GitHub Classroom.
    struct StampPair: Sendable, Hashable {
        var canvas: Timestamp?
        var stamp: Matcher
    }

    /// A poll's expected view, taken right after the call.
    struct PollView {
        var expectation: GitHubClassroomExpectation
        var token: String
        var ledger: FingerprintLedger
        var expected: [RawExternalAssignment]
        var canvas: [RawExternalAssignment]
    }

    /// Whether this run translates a Canvas-worded scenario for GitHub Classroom (a scenario written
    /// in GitHub Classroom terms says exactly what it expects).
    var translatesForGitHub: Bool { context.platform.kind == .gitHubClassroom && !context.platform.isGitHubNative }

    /// The arguments with `sourceType: Canvas` replaced by this platform's source type.
    func translatedArguments(_ value: ScenarioValue) -> ScenarioValue {
        guard translatesForGitHub else { return value }
        switch value {
        case .map(let entries):
            return .map(entries.map { entry in
                if entry.key == "sourceType", entry.value.text == SourcePlatform.canvas.sourceType {
                    return .init(entry.key, .string(context.platform.kind.sourceType))
                }
                return .init(entry.key, translatedArguments(entry.value))
            })
        case .list(let items): return .list(items.map(translatedArguments))
        default: return value
        }
    }

    /// The expectation of `call` rewritten for GitHub Classroom, and the poll view it used.
    func translatedExpectation(_ expect: Matcher?, call: String, arguments: ScenarioValue) -> (Matcher?, PollView?) {
        guard translatesForGitHub else { return (expect, nil) }
        let source = arguments["sourceAccount"]?.text
        let shadow = source.flatMap { shadows[$0] }
        var expectation = GitHubClassroomExpectation(
            sourceType: context.platform.kind.sourceType, dropped: shadow?.dropped ?? [], earlier: shadow?.stamps ?? [:])
        var view: PollView?
        if call == "identifyChanges", let counts = shadow?.counts {
            (expectation.canvasCount, expectation.gitHubCount) = (counts.canvas, counts.gitHub)
        }
        if call == "pollExternalSource", let shadow, let (expected, ledger) = context.platform.expectedPoll(token: shadow.token, ledger: shadow.ledger) {
            let canvas = context.platform.isGitHubNative ? expected : (context.platform.canvasView(to: shadow.token) ?? [])
            let gitHubIDs = Set(expected.map(\.externalId))
            expectation.dropped = Set(canvas.map(\.externalId)).subtracting(gitHubIDs)
            expectation.canvasCount = canvas.count
            expectation.gitHubCount = expected.count
            expectation.pollStamps = Dictionary(uniqueKeysWithValues: expected.map { ($0.externalId, stampMatcher(for: $0, shadow: shadow, ledger: ledger)) })
            view = PollView(expectation: expectation, token: shadow.token, ledger: ledger, expected: expected, canvas: canvas)
        }
        return (expect.map(expectation.translate), view)
    }

    /// What the stamp of `item` must be: on the virtual clock exactly the ledger's; on the
    /// implementation's own clock, its own earlier stamp for unchanged content, a later one for
    /// changed content, any instant for new content.
    private func stampMatcher(for item: RawExternalAssignment, shadow: SourceShadow, ledger: FingerprintLedger) -> Matcher {
        guard configuration.policy.clock == .own else { return .value(.timestamp(item.externalModificationTimestamp)) }
        guard let earlier = shadow.ledger.entries[item.externalId] else { return .any(.timestamp) }
        if earlier.fingerprint == AssignmentFingerprint(item.details) { return .value(.timestamp(earlier.modifiedAt)) }
        return .after(.value(.timestamp(earlier.modifiedAt)))
    }

    /// Keeps the shadow of each source up to date after a call's answer (GitHub Classroom runs).
    mutating func observe(call: String, arguments: ScenarioValue, answer: ActualResult, poll: PollView?) {
        guard translatesForGitHub, case .success(let value) = answer else { return }
        switch call {
        case "connectSource":
            if let id = value["sourceAccount"]?.text, let token = arguments["details"]?["apiToken"]?.text { shadows[id] = SourceShadow(token: token) }
        case "disconnectSource":
            if let id = arguments["sourceAccount"]?.text { shadows[id] = nil }
        case "pollExternalSource":
            guard let id = arguments["sourceAccount"]?.text, let poll, shadows[id] != nil else { return }
            commit(poll, answer: value, to: id)
        default: break
        }
    }

    /// A successful poll: the ledger moves on (on the implementation's clock, with its own stamps).
    private mutating func commit(_ poll: PollView, answer: ScenarioValue, to id: String) {
        var actual: [String: Timestamp] = [:]
        if case .list(let items)? = answer["rawExternalAssignments"] {
            for item in items {
                if let externalId = item["externalId"]?.text, let stamp = item["externalModificationTimestamp"]?.instant { actual[externalId] = stamp }
            }
        }
        var entries: [String: FingerprintLedger.Entry] = [:]
        var stamps: [String: StampPair] = [:]
        let canvasStamps = Dictionary(poll.canvas.map { ($0.externalId, $0.externalModificationTimestamp) }, uniquingKeysWith: { a, _ in a })
        for item in poll.expected {
            let stamp = configuration.policy.clock == .own ? (actual[item.externalId] ?? item.externalModificationTimestamp) : item.externalModificationTimestamp
            entries[item.externalId] = FingerprintLedger.Entry(fingerprint: AssignmentFingerprint(item.details), modifiedAt: stamp)
            stamps[item.externalId] = StampPair(canvas: canvasStamps[item.externalId], stamp: .value(.timestamp(stamp)))
        }
        let ownClock = configuration.policy.clock == .own
        guard var shadow = shadows[id] else { return }
        shadow.ledger = ownClock ? FingerprintLedger(entries: entries) : poll.ledger
        shadow.stamps = stamps
        shadow.dropped = poll.expectation.dropped
        shadow.counts = (poll.canvas.count, poll.expected.count)
        shadows[id] = shadow
    }
}

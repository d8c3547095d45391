import ConceptValues
import KitPrimitives

extension ScenarioExecution {
    /// What the runner knows about one connected source in a GitHub Classroom run: its token, the
    /// stamp ledger its last successful poll left (the kit's own, ``StampLedger``, rebuilt from the platform
    /// oracle), and the stamps that poll gave.
    package struct SourceShadow: Sendable {
        var token: String
        var ledger = StampLedger()
        /// Canvas's timestamp and the poll's stamp, by externalId, from the last successful poll.
        var stamps: [String: StampPair] = [:]
        /// ExternalIds Canvas would have shown and GitHub did not, at the last successful poll.
        var dropped: Set<String> = []
        /// How many items Canvas would have shown and GitHub showed, at the last successful poll.
        var counts: (canvas: Int, gitHub: Int)?
        /// On the implementation's own clock: each successful poll's stamps as the file wrote them
        /// (the run the file was written from) and as this run's poll gave them, by externalId,
        /// newest first (``StampRebase``).
        var rebase: [String: [StampRebase]] = [:]
    }

    /// A stamp a poll gave in the run a scenario was written from, and the one this run's poll gave
    /// in its place. On the implementation's own clock GitHub Classroom stamps are wall-clock times,
    /// so a failure file's literal `T` near a poll stamp `W` of that item (within an hour: the
    /// checker's shifts) stands for this run's stamp `W'` shifted the same: `W' + (T - W)`.
    package struct StampRebase: Sendable, Hashable {
        var file: Timestamp
        var actual: Timestamp

        /// The largest shift a rebased literal may have from the stamp it is read against.
        static let reach: Duration = .seconds(3600)

        /// `literal` read against the newest of `pairs` within ``reach``, or nil.
        static func rebased(_ literal: Timestamp, _ pairs: [StampRebase]?) -> Timestamp? {
            for pair in pairs ?? [] {
                let shift = pair.file.duration(to: literal)
                if shift <= reach && shift >= .zero - reach { return pair.actual.advanced(by: shift) }
            }
            return nil
        }

        /// `value` with every item's stamp (a map with `externalId` and an
        /// `externalModificationTimestamp` or `lastExternalModificationTimestamp`) rebased.
        static func rebasing(_ value: ScenarioValue, _ rebase: [String: [StampRebase]]) -> ScenarioValue {
            switch value {
            case .list(let items): return .list(items.map { rebasing($0, rebase) })
            case .map(let entries):
                let id = value["externalId"]?.text
                return .map(entries.map { entry in
                    if let id, ["externalModificationTimestamp", "lastExternalModificationTimestamp"].contains(entry.key),
                        let literal = entry.value.instant, let moved = rebased(literal, rebase[id])
                    {
                        return .init(entry.key, .timestamp(moved))
                    }
                    return .init(entry.key, rebasing(entry.value, rebase))
                })
            default: return value
            }
        }

        /// The literal stamps of the items a poll matcher names, by externalId.
        static func literalStamps(in matcher: Matcher?) -> [String: Timestamp] {
            var out: [String: Timestamp] = [:]
            func walk(_ matcher: Matcher) {
                switch matcher {
                case .object(let fields):
                    if let id = GitHubClassroomExpectation.externalId(of: matcher),
                        let field = fields.first(where: { $0.key == "externalModificationTimestamp" }),
                        case .value(let value) = field.matcher, let instant = value.instant
                    {
                        out[id] = instant
                    }
                    fields.forEach { walk($0.matcher) }
                case .set(let ms), .list(let ms), .contains(let ms), .all(let ms), .oneOf(let ms): ms.forEach(walk)
                default: break
                }
            }
            matcher.map(walk)
            return out
        }
    }

    /// An item's timestamp on Canvas (nil: not on Canvas) and what stands for it on GitHub Classroom.
    package struct StampPair: Sendable, Hashable {
        var canvas: Timestamp?
        var stamp: Matcher
    }

    /// A poll's expected view, taken right after the call.
    package struct PollView {
        var expectation: GitHubClassroomExpectation
        var token: String
        var ledger: StampLedger
        var expected: [RawExternalAssignment]
        var canvas: [RawExternalAssignment]
        /// The stamps the file wrote for the poll's items (see ``StampRebase``).
        var fileStamps: [String: Timestamp] = [:]
    }

    /// Whether this run translates a Canvas-worded scenario for GitHub Classroom (a scenario written
    /// in GitHub Classroom terms says exactly what it expects).
    package var translatesForGitHub: Bool { context.platform.kind == .gitHubClassroom && !context.platform.isGitHubNative }

    /// The file's arguments (unresolved: only literals, never a value this run captured) with
    /// stamps read against the polls of `source` (on the implementation's own clock, ``StampRebase``).
    package func rebasedLiterals(_ unresolved: ScenarioValue, source: String?) -> ScenarioValue {
        guard translatesForGitHub, configuration.policy.clock == .own, let source, let rebase = shadows[source]?.rebase, !rebase.isEmpty
        else { return unresolved }
        return StampRebase.rebasing(unresolved, rebase)
    }

    /// The arguments with `sourceType: Canvas` replaced by this platform's source type.
    package func translatedArguments(_ value: ScenarioValue) -> ScenarioValue {
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
    package func translatedExpectation(_ expect: Matcher?, call: String, arguments: ScenarioValue) -> (Matcher?, PollView?) {
        guard translatesForGitHub else { return (expect, nil) }
        let source = arguments["sourceAccount"]?.text
        let shadow = source.flatMap { shadows[$0] }
        var expectation = GitHubClassroomExpectation(
            sourceType: context.platform.kind.sourceType, dropped: shadow?.dropped ?? [], earlier: shadow?.stamps ?? [:],
            rebase: configuration.policy.clock == .own ? shadow?.rebase ?? [:] : [:])
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
            view = PollView(
                expectation: expectation, token: shadow.token, ledger: ledger, expected: expected, canvas: canvas,
                fileStamps: StampRebase.literalStamps(in: expect))
        }
        return (expect.map(expectation.translate), view)
    }

    /// What the stamp of `item` must be: on the virtual clock exactly the ledger's; on the
    /// implementation's own clock, its own earlier stamp for unchanged content, a later one for
    /// changed content, any instant for new content.
    private func stampMatcher(for item: RawExternalAssignment, shadow: SourceShadow, ledger: StampLedger) -> Matcher {
        guard configuration.policy.clock == .own else { return .value(.timestamp(item.externalModificationTimestamp)) }
        guard let earlier = shadow.ledger.entries[item.externalId] else { return .any(.timestamp) }
        if StampLedger.sameContent(earlier.details, item.details) { return .value(.timestamp(earlier.modifiedAt)) }
        return .after(.value(.timestamp(earlier.modifiedAt)))
    }

    /// Keeps the shadow of each source up to date after a call's answer (GitHub Classroom runs).
    package mutating func observe(call: String, arguments: ScenarioValue, answer: ActualResult, poll: PollView?) {
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
        var entries: [String: StampLedger.Entry] = [:]
        var stamps: [String: StampPair] = [:]
        let canvasStamps = Dictionary(poll.canvas.map { ($0.externalId, $0.externalModificationTimestamp) }, uniquingKeysWith: { a, _ in a })
        for item in poll.expected {
            let stamp = configuration.policy.clock == .own ? (actual[item.externalId] ?? item.externalModificationTimestamp) : item.externalModificationTimestamp
            entries[item.externalId] = StampLedger.Entry(details: item.details, modifiedAt: stamp)
            stamps[item.externalId] = StampPair(canvas: canvasStamps[item.externalId], stamp: .value(.timestamp(stamp)))
        }
        let ownClock = configuration.policy.clock == .own
        guard var shadow = shadows[id] else { return }
        shadow.ledger = ownClock ? StampLedger(entries: entries) : poll.ledger
        shadow.stamps = stamps
        shadow.dropped = poll.expectation.dropped
        shadow.counts = (poll.canvas.count, poll.expected.count)
        if ownClock {
            for (externalId, file) in poll.fileStamps {
                if let stamp = actual[externalId] { shadow.rebase[externalId, default: []].insert(StampRebase(file: file, actual: stamp), at: 0) }
            }
        }
        shadows[id] = shadow
    }
}

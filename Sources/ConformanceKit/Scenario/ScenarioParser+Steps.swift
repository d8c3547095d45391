import MockServerCore
import Yams

extension ScenarioParser {
    package static let stepKinds = ["call", "concurrently", "record_changes", "canvas", "github", "clock", "wait", "rate_limit", "faults", "journal"]
    package static let bareSteps = ["mark", "clear_faults", "suspend_faults", "resume_faults"]

    package func parseStep(_ cursor: YAMLCursor, bound: inout Set<String>, gitHubNative: Bool = false) throws(ScenarioError) -> ScenarioStep {
        let line = cursor.node.mark?.line
        if case .scalar(_) = cursor.node {
            let word = try cursor.string()
            switch word {
            case "mark": return ScenarioStep(.mark, line: line)
            case "clear_faults": return ScenarioStep(.clearFaults, line: line)
            case "suspend_faults": return ScenarioStep(.suspendFaults, line: line)
            case "resume_faults": return ScenarioStep(.resumeFaults, line: line)
            default:
                throw cursor.error(.unknownKey, "unknown step '\(word)'; a step is \(Self.bareSteps.map { "`\($0)`" }.joined(separator: ", ")) or a mapping with one of: \(Self.stepKinds.joined(separator: ", "))")
            }
        }
        let keys = try cursor.entries(what: "step").map(\.key)
        guard let kind = keys.first(where: { Self.stepKinds.contains($0) || Self.bareSteps.contains($0) }) else {
            throw cursor.error(.missingKey, "a step needs one of: \(Self.stepKinds.joined(separator: ", ")) (or is `mark` / `clear_faults`)")
        }
        let companions: [String] = kind == "call" ? ["call", "with", "expect", "capture", "note"] : [kind, "note"]
        let entries = try cursor.entries(allowed: companions, what: "step")
        func field(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }
        let note = try field("note")?.string()
        let body = field(kind)!
        let action: ScenarioStep.Action
        switch kind {
        case "call": action = .call(try parseCall(cursor, body, field("with"), field("expect"), field("capture"), bound: &bound))
        case "concurrently": action = .concurrently(try parseConcurrently(body, bound: &bound))
        case "record_changes": action = .recordChanges(try parseRecordChanges(body, bound: bound))
        case "canvas": action = .canvas(try parseChanges(body))
        case "github": action = .gitHub(try parseGitHubChanges(body))
        case "clock": action = .clock(try parseClock(body))
        case "wait":
            let seconds = try body.number()
            guard seconds > 0, seconds <= ScenarioStep.longestWait else {
                throw body.error(.invalidValue, "wait takes seconds of real time, more than 0 and at most \(Int(ScenarioStep.longestWait))")
            }
            action = .wait(seconds: seconds)
        case "faults": action = .faults(try parseFaults(body, gitHubNative: gitHubNative))
        case "rate_limit": action = .rateLimit(try parseRateLimit(body))
        case "journal": action = .journal(try parseJournal(body))
        case "mark": action = .mark
        case "suspend_faults": action = .suspendFaults
        case "resume_faults": action = .resumeFaults
        default: action = .clearFaults
        }
        return ScenarioStep(action, note: note, line: line)
    }

    /// `concurrently:` — a list of clients, each a list of `{call, with, expect, capture}`. A
    /// client's arguments may use only names bound before the step; its captures are bound after it.
    private func parseConcurrently(_ body: YAMLCursor, bound: inout Set<String>) throws(ScenarioError) -> [[CallStep]] {
        let clients = try body.elements()
        guard clients.count >= 2 else { throw body.error(.invalidValue, "concurrently takes a list of at least two clients, each a list of calls") }
        let before = bound
        var after = bound
        var out: [[CallStep]] = []
        for client in clients {
            var calls: [CallStep] = []
            for entry in try client.elements() {
                let fields = try entry.entries(allowed: ["call", "with", "expect", "capture"], what: "concurrent call")
                func field(_ key: String) -> YAMLCursor? { fields.first { $0.key == key }?.value }
                guard let name = field("call") else { throw entry.error(.missingKey, "each call of a client needs `call:` (and `with:`, `expect:`, `capture:`)") }
                var local = before
                calls.append(try parseCall(entry, name, field("with"), field("expect"), field("capture"), bound: &local))
                after.formUnion(local)
            }
            guard !calls.isEmpty else { throw client.error(.invalidValue, "a client of concurrently needs at least one call") }
            out.append(calls)
        }
        bound = after
        return out
    }

    private func parseCall(
        _ step: YAMLCursor, _ nameCursor: YAMLCursor, _ with: YAMLCursor?, _ expect: YAMLCursor?, _ capture: YAMLCursor?,
        bound: inout Set<String>
    ) throws(ScenarioError) -> CallStep {
        let name = try nameCursor.string()
        guard let signature = CallSignature.named(name) else {
            throw nameCursor.error(.unknownCall, "unknown call '\(name)'; the concept's calls are: \(ConceptCall.names.joined(separator: ", "))")
        }
        let arguments = with?.value ?? .map([])
        if let with, case .scalar(_) = with.node {
            throw with.error(.wrongType, "expected a mapping of arguments, got \(with.kindName)")
        }
        let currentlyBound = bound
        if let problem = signature.schema.check(arguments, at: "", deferReferences: true, isBound: { currentlyBound.contains($0) }) {
            let base = with ?? step
            let at = problem.path.isEmpty ? base : base.descend(problem.path)
            let code: ScenarioError.Code
            switch problem.kind {
            case .unknownField, .missingField: code = .unknownArgument
            case .wrongType: code = .wrongType
            case .unboundName: code = .unknownBinding
            }
            let prefix = problem.kind == .missingField ? "\(name): " : ""
            throw ScenarioError(code, prefix + problem.message, location: Self.fieldLocation(at, base: base, path: problem.path))
        }
        var matcher: Matcher?
        if let expect { matcher = try parseExpect(expect, call: signature, bound: &bound) }
        var captureName: String?
        if let capture {
            let text = try capture.string()
            guard ScenarioReference.name(in: "$" + text) == text else {
                throw capture.error(.invalidValue, "a capture name is letters, digits and '_' (without '$'), got '\(text)'")
            }
            guard !ScenarioBuiltin.all.contains(text) else { throw capture.error(.invalidValue, "'\(text)' is a built-in name") }
            captureName = text
            bound.insert(text)
        }
        return CallStep(name: name, arguments: arguments, expect: matcher, capture: captureName)
    }

    /// The location of a problem at `path` below `base` (the deepest existing node, with the full field path).
    package static func fieldLocation(_ at: YAMLCursor, base: YAMLCursor, path: String) -> MockError.Location {
        var location = at.location
        let full = path.isEmpty ? base.path : (path.hasPrefix("[") ? base.path + path : base.path + "." + path)
        location.field = full
        return location
    }

    private func parseRecordChanges(_ cursor: YAMLCursor, bound: Set<String>) throws(ScenarioError) -> RecordChangesStep {
        let entries = try cursor.entries(allowed: ["sourceAccount", "changes", "internalId"])
        func required(_ key: String) throws(ScenarioError) -> YAMLCursor {
            guard let value = entries.first(where: { $0.key == key })?.value else {
                throw cursor.error(.missingKey, "required key '\(key)' is missing")
            }
            return value
        }
        let source = try required("sourceAccount")
        let sourceText = try source.string()
        if let name = ScenarioReference.name(in: sourceText), !bound.contains(name) {
            throw source.error(.unknownBinding, "unknown binding '$\(name)' (no earlier step binds it)")
        }
        let changesCursor = try required("changes")
        var changes = try changesCursor.string()
        if changes.hasPrefix("$") { changes.removeFirst() }
        guard bound.contains(changes) else {
            throw changesCursor.error(.unknownBinding, "unknown binding '$\(changes)' (capture identifyChanges's result first)")
        }
        let internalId = try required("internalId").string(acceptNumbers: true)
        return RecordChangesStep(sourceAccount: .string(sourceText), changes: changes, internalId: internalId)
    }

    private func parseClock(_ cursor: YAMLCursor) throws(ScenarioError) -> ClockMove {
        let entries = try cursor.entries(allowed: ["advance", "set"])
        guard entries.count == 1, let entry = entries.first else {
            throw cursor.error(.invalidValue, "clock takes exactly one of: advance (seconds), set (an RFC 3339 instant)")
        }
        if entry.key == "advance" {
            let seconds = try entry.value.number()
            guard seconds >= 0, seconds.isFinite else { throw entry.value.error(.invalidValue, "the clock never moves backwards") }
            return .advance(seconds: seconds)
        }
        let text = try entry.value.string()
        guard ScenarioValue.string(text).instant != nil else {
            throw entry.value.error(.wrongType, "not an RFC 3339 timestamp: \"\(text)\"")
        }
        return .set(text)
    }

    private func parseJournal(_ cursor: YAMLCursor) throws(ScenarioError) -> JournalCheck {
        let entries = try cursor.entries(allowed: ["origin", "since", "method", "path", "count", "at_least", "no_requests", "token_only_to"])
        var check = JournalCheck()
        for (key, value) in entries {
            switch key {
            case "origin", "token_only_to":
                let text = try value.string()
                guard var name = ScenarioReference.name(in: text),
                    [ScenarioBuiltin.canvas, ScenarioBuiltin.platform, ScenarioBuiltin.otherOrigin].contains(name)
                else {
                    throw value.error(.invalidValue, "expected $canvas, $platform or $other_origin, got '\(text)'")
                }
                if name == ScenarioBuiltin.platform { name = ScenarioBuiltin.canvas }
                if key == "origin" { check.origin = name } else { check.tokenOnlyTo = name }
            case "since":
                let text = try value.string()
                guard text == "mark" || text == "start" else { throw value.error(.invalidValue, "since is `mark` (the default) or `start`") }
                check.sinceStart = text == "start"
            case "method": check.method = try value.string().uppercased()
            case "path": check.path = PathPattern(try value.string())
            case "count", "at_least":
                let n = try value.int()
                guard n >= 0 else { throw value.error(.invalidValue, "a count is >= 0") }
                if key == "count" { check.count = n } else { check.atLeast = n }
            default:
                guard case .bool(true) = value.value else { throw value.error(.wrongType, "no_requests takes `true`") }
                check.count = 0
            }
        }
        guard check.count != nil || check.atLeast != nil || check.tokenOnlyTo != nil else {
            throw cursor.error(.missingKey, "a journal check needs one of: count, at_least, no_requests, token_only_to")
        }
        return check
    }
}

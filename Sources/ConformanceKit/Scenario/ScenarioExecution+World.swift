import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore

extension ScenarioExecution {
    /// `$canvas`, `$other_origin` and `$now` substituted in an embedded change or rule.
    private func substituted(_ value: ScenarioValue) -> ScenarioValue {
        value.mapStrings { text in
            guard let name = ScenarioReference.name(in: text), let builtin = match.builtins[name] else { return text }
            return builtin.text ?? builtin.instant?.rfc3339() ?? text
        }
    }

    package mutating func applyChanges(_ changes: [ScenarioValue]) -> StepOutcome {
        let platform = context.platform
        return applyWorldChanges(changes, label: "canvas", name: \CanvasWorldChange.name, apply: platform.apply)
    }

    package mutating func applyGitHubChanges(_ changes: [ScenarioValue]) -> StepOutcome {
        let platform = context.platform
        return applyWorldChanges(changes, label: "github", name: \GitHubClassroomWorldChange.name, apply: platform.apply)
    }

    /// Decodes each embedded change (with `$canvas`, `$now`, … substituted), applies it, and records
    /// it under `label` (`canvas`, `github`); the first that does not decode or apply ends the step.
    private mutating func applyWorldChanges<Change: Decodable>(
        _ changes: [ScenarioValue], label: String, name: KeyPath<Change, String>, apply: (Change) throws(MockError) -> Void
    ) -> StepOutcome {
        for value in changes {
            let change: Change
            switch EmbeddedValue.decode(Change.self, from: substituted(value)) {
            case .success(let decoded): change = decoded
            case .failure(let error): return .error(code: error.code.rawValue, reason: "\(label): \(error.message)")
            }
            do {
                try apply(change)
            } catch {
                return .error(code: error.code.rawValue, reason: "\(label) \(change[keyPath: name]): \(error.message)")
            }
            record(label, value.description)
        }
        trace.append("\(step). \(label): " + changes.map(\.description).joined(separator: "; "))
        return .ok
    }

    package mutating func moveClock(_ move: ClockMove) -> StepOutcome {
        do {
            switch move {
            case .advance(let seconds):
                try context.platform.advanceClock(seconds: seconds)
                try other?.advanceClock(seconds: seconds)
            case .set(let text):
                guard let instant = Timestamp.parse(text) else {
                    return .error(code: ScenarioError.Code.stepFailed.rawValue, reason: "clock: not a timestamp: \(text)")
                }
                try context.platform.setClock(instant)
                try other?.setClock(instant)
            }
        } catch {
            return .error(code: error.code.rawValue, reason: "clock: \(error.message)")
        }
        record("clock", context.platform.now.rfc3339())
        trace.append("\(step). clock → \(context.platform.now.rfc3339())")
        return .ok
    }

    package mutating func setRateLimit(_ value: ScenarioValue) -> StepOutcome {
        let limit: CanvasRateLimit
        switch EmbeddedValue.decode(CanvasRateLimit.self, from: value) {
        case .success(let decoded): limit = decoded
        case .failure(let error): return .error(code: error.code.rawValue, reason: "rate_limit: \(error.message)")
        }
        do {
            try context.platform.setRateLimit(limit)
        } catch {
            return .error(code: error.code.rawValue, reason: "rate_limit: \(error.message)")
        }
        record("rate-limit", value.description)
        trace.append("\(step). rate_limit: \(value)")
        return .ok
    }

    package mutating func installFaults(_ rules: [ScenarioValue]) -> StepOutcome {
        do {
            if context.platform.isGitHubNative {
                try context.platform.installFaults(try decodedRules(rules, as: GitHubClassroomWorldChange.self))
            } else {
                try context.platform.installFaults(try decodedRules(rules, as: CanvasWorldChange.self))
            }
        } catch let error as ScenarioError {
            return .error(code: error.code.rawValue, reason: "faults: \(error.message)")
        } catch let error as MockError {
            return .error(code: error.code.rawValue, reason: "faults: \(error.message)")
        } catch {
            return .error(code: ScenarioError.Code.stepFailed.rawValue, reason: "faults: \(error)")
        }
        for value in rules { record("faults", value.description) }
        trace.append("\(step). faults: " + rules.map(\.description).joined(separator: "; "))
        return .ok
    }

    private func decodedRules<Change: PlatformChange>(_ rules: [ScenarioValue], as type: Change.Type) throws(ScenarioError) -> [FaultRule<Change>] {
        var decoded: [FaultRule<Change>] = []
        for value in rules {
            switch EmbeddedValue.decode(FaultRule<Change>.self, from: substituted(value)) {
            case .success(let rule): decoded.append(rule)
            case .failure(let error): throw error
            }
        }
        return decoded
    }

    /// Records the requests each mock received since the given sequence numbers.
    /// The platform requests journaled since the given sequence numbers (both platforms).
    package func requests(canvasAfter: Int, otherAfter: Int) -> [JournalEntry] {
        context.platform.journal(after: canvasAfter - 1) + (other?.journal(after: otherAfter - 1) ?? [])
    }

    package mutating func recordRequests(canvasAfter: Int, otherAfter: Int) {
        for entry in context.platform.journal(after: canvasAfter - 1) { record("request", Self.render(entry)) }
        if let other {
            for entry in other.journal(after: otherAfter - 1) { record("request", "[other] " + Self.render(entry)) }
        }
    }

    package static func render(_ entry: JournalEntry) -> String {
        var text = "\(entry.method) \(entry.path)\(entry.query.isEmpty ? "" : "?" + entry.query) host=\(entry.host)"
        text += " credential=\(entry.credential.rawValue)"
        if let state = entry.tokenState { text += " token=\(state)" }
        text += " status=\(entry.status.map(String.init) ?? "none")"
        if let fault = entry.fault { text += " fault=\(fault)" }
        return text + " at=\(entry.time.rfc3339())"
    }

    package mutating func checkJournal(_ check: JournalCheck) -> StepOutcome {
        let mock: SimulatedPlatform?
        let mark: Int
        if check.origin == ScenarioBuiltin.otherOrigin {
            (mock, mark) = (other, otherMark)
        } else {
            (mock, mark) = (context.platform, canvasMark)
        }
        var check = check
        if translatesForGitHub, !context.platform.isGitHubNative, let path = check.path {
            guard let translated = CanvasPathTranslation.gitHubClassroomPath(for: path.pattern) else {
                return .error(code: ScenarioError.Code.stepFailed.rawValue, reason: "journal: the path \(path.pattern) has no GitHub Classroom counterpart")
            }
            check.path = PathPattern(translated)
        }
        let since = check.sinceStart ? 0 : mark - 1
        let scope = check.sinceStart ? "since the start" : "since the last mark"
        let entries = (mock?.journal(after: since) ?? []).filter { entry in
            (check.method.map { $0 == entry.method.uppercased() } ?? true) && (check.path.map { $0.matches(entry.path) } ?? true)
        }
        let what = [check.method, check.path?.pattern].compactMap { $0 }.joined(separator: " ")
        let label = "requests\(what.isEmpty ? "" : " matching " + what) to $\(check.origin) \(scope)"
        let listing = entries.isEmpty ? nil : Matcher.listing("requests", entries.map(Self.render))
        if let count = check.count, entries.count != count {
            return .failed(Mismatch(path: "journal", expected: "\(count) \(label)", actual: "\(entries.count)", detail: listing))
        }
        if let atLeast = check.atLeast, entries.count < atLeast {
            return .failed(Mismatch(path: "journal", expected: "at least \(atLeast) \(label)", actual: "\(entries.count)", detail: listing))
        }
        if let origin = check.tokenOnlyTo {
            let others: [(String, SimulatedPlatform?, Int)] =
                origin == ScenarioBuiltin.canvas ? [(ScenarioBuiltin.otherOrigin, other, otherMark)] : [(ScenarioBuiltin.canvas, context.platform, canvasMark)]
            for (name, otherMock, otherMarkValue) in others {
                let seen = otherMock?.journal(after: check.sinceStart ? 0 : otherMarkValue - 1) ?? []
                let leaked = seen.filter { $0.credential != .none }
                if !leaked.isEmpty {
                    return .failed(Mismatch(
                        path: "journal", expected: "no credential sent to $\(name)", actual: "\(leaked.count) requests with a credential",
                        detail: Matcher.listing("requests", leaked.map(Self.render))))
                }
            }
        }
        record("check", "journal \(check) ok (\(entries.count))")
        trace.append("\(step). journal: \(label): \(entries.count)  [ok]")
        return .ok
    }
}

extension JournalCheck: CustomStringConvertible {
    public var description: String {
        var parts: [String] = []
        if origin != ScenarioBuiltin.canvas { parts.append("origin: $\(origin)") }
        if sinceStart { parts.append("since: start") }
        if let method { parts.append("method: \(method)") }
        if let path { parts.append("path: \(path.pattern)") }
        if let count { parts.append(count == 0 && method == nil && path == nil ? "no_requests: true" : "count: \(count)") }
        if let atLeast { parts.append("at_least: \(atLeast)") }
        if let tokenOnlyTo { parts.append("token_only_to: $\(tokenOnlyTo)") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

import KitPrimitives
import MockCanvas
import MockServerCore

/// One scenario being run: its bindings, journal marks, history and trace.
package struct ScenarioExecution {
    package let context: ScenarioContext
    package let other: SimulatedPlatform?
    package let implementation: any ImplementationUnderTest
    package let configuration: ScenarioRunner.Configuration

    package var match: MatchContext
    package var history = ScenarioHistory()
    package var trace: [String] = []
    /// The first journal sequence after the last `mark`, per mock.
    package var canvasMark = 1
    package var otherMark = 1
    /// The 1-based step being run.
    package var step = 0
    /// Every apiToken passed to connectSource so far: no answer may contain one (interpretation 7, Scenarios/README.md),
    /// and none is ever written to the history or the trace.
    package var secrets: [String] = []
    package var result = RunResult(outcome: .pass)
    /// GitHub Classroom runs: what the runner knows about each connected source, by id.
    package var shadows: [String: SourceShadow] = [:]

    /// What the run came to.
    package struct RunResult: Sendable {
        var outcome: ScenarioVerdict.Outcome
        var reason: String?
        var failure: ScenarioFailure?
        var errorCode: String?
        var trace: [String] = []
        var history = ScenarioHistory()
        var notes: [String] = []
    }

    /// How one step ended.
    package enum StepOutcome {
        case ok
        case failed(Mismatch)
        case error(code: String, reason: String)
    }

    package init(context: ScenarioContext, other: SimulatedPlatform?, implementation: any ImplementationUnderTest, configuration: ScenarioRunner.Configuration) {
        self.context = context
        self.other = other
        self.implementation = implementation
        self.configuration = configuration
        match = MatchContext(bindings: ScenarioBindings(), builtins: ScenarioBindings(), policy: configuration.policy)
    }

    package mutating func run() async {
        canvasMark = context.platform.nextJournalSequence
        otherMark = other?.nextJournalSequence ?? 1
        let suffix = context.platform.kind.reportSuffix
        history.append(step: 0, "scenario", "\(context.scenario.id)\(suffix) seed=\(StableHash.hex(context.seed))")
        for (index, scenarioStep) in context.scenario.steps.enumerated() {
            step = index + 1
            refreshBuiltins()
            if let note = scenarioStep.note { trace.append("    # \(note)") }
            let outcome = await perform(scenarioStep)
            switch outcome {
            case .ok:
                continue
            case .failed(let mismatch):
                let failure = ScenarioFailure(step: step, line: scenarioStep.line, summary: summary(of: scenarioStep), mismatch: mismatch)
                trace += failure.mismatch.description.split(separator: "\n").map { "      " + $0 }
                finish(.fail, reason: "step \(step)\(scenarioStep.line.map { " (line \($0))" } ?? ""): \(mismatch.path.isEmpty ? "" : mismatch.path + ": ")expected \(mismatch.expected), got \(mismatch.actual)", failure: failure)
                return
            case .error(let code, let reason):
                trace.append("      error: \(reason)")
                finish(.error, reason: "step \(step)\(scenarioStep.line.map { " (line \($0))" } ?? ""): \(reason)", errorCode: code)
                return
            }
        }
        finish(.pass)
    }

    private mutating func finish(_ outcome: ScenarioVerdict.Outcome, reason: String? = nil, failure: ScenarioFailure? = nil, errorCode: String? = nil) {
        let notRun = context.scenario.steps.count - step
        var reason = reason
        if outcome != .pass, notRun > 0 {
            trace.append("    (\(notRun) later step\(notRun == 1 ? "" : "s") not run)")
            let checks = Self.checkNames(context.scenario.steps.suffix(notRun))
            if outcome == .fail, !checks.isEmpty {
                reason = (reason ?? "") + " (so \(checks.count == 1 ? "the later check" : "\(checks.count) later checks") did not run: \(checks.prefix(4).joined(separator: ", "))\(checks.count > 4 ? ", …" : ""))"
            }
        }
        result = RunResult(
            outcome: outcome, reason: reason.map(normalize), failure: failure.map(normalizeFailure), errorCode: errorCode, trace: trace.map(normalize),
            history: history, notes: match.notes.map(normalize))
    }

    /// The checks among `steps`, one name each in order (`_getSourcesForUser`, `journal`), repeats kept once.
    package static func checkNames(_ steps: some Collection<ScenarioStep>) -> [String] {
        var names: [String] = []
        for step in steps {
            let name: String? = switch step.action {
            case .call(let call): call.name
            case .concurrently(let clients): clients.joined().first?.name
            case .recordChanges: "recordChanges"
            case .journal: "journal"
            default: nil
            }
            if let name, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// Sets `$canvas` and `$platform`, `$other_origin` and `$now` (the virtual time when the step starts).
    private mutating func refreshBuiltins() {
        var builtins = ScenarioBindings()
        builtins.bind(ScenarioBuiltin.canvas, .string(context.canvasOrigin))
        builtins.bind(ScenarioBuiltin.platform, .string(context.canvasOrigin))
        if let origin = context.otherOrigin { builtins.bind(ScenarioBuiltin.otherOrigin, .string(origin)) }
        builtins.bind(ScenarioBuiltin.now, .timestamp(context.platform.now))
        match.builtins = builtins
    }

    /// Real origins replaced by their built-in names, so histories and traces do not depend on ports.
    package func normalize(_ text: String) -> String {
        var out = text
        for secret in secrets { out = out.replacing(secret, with: "[REDACTED]") }
        var replacements = [(context.canvasOrigin, "$canvas")]
        if let origin = context.otherOrigin { replacements.append((origin, "$other_origin")) }
        for (origin, name) in replacements {
            out = out.replacing(origin, with: name)
            let authority = String(origin.drop { $0 != "/" }.drop { $0 == "/" })
            if !authority.isEmpty { out = out.replacing(authority, with: name) }
        }
        if !context.isolationPrefix.isEmpty { out = out.replacing(context.isolationPrefix, with: "") }
        return out
    }

    private func normalizeFailure(_ failure: ScenarioFailure) -> ScenarioFailure {
        var copy = failure
        copy.summary = normalize(failure.summary)
        copy.mismatch.expected = normalize(failure.mismatch.expected)
        copy.mismatch.actual = normalize(failure.mismatch.actual)
        copy.mismatch.detail = failure.mismatch.detail.map(normalize)
        return copy
    }

    package mutating func record(_ kind: String, _ text: String) {
        history.append(step: step, kind, normalize(text))
    }

    /// One line describing a step (token redacted).
    package func summary(of scenarioStep: ScenarioStep) -> String {
        switch scenarioStep.action {
        case .call(let call): "\(call.name) \(Self.redactingTokens(call.arguments))"
        case .concurrently(let clients):
            "concurrently " + clients.map { $0.map { "\($0.name) \(Self.redactingTokens($0.arguments))" }.joined(separator: ", ") }.joined(separator: " | ")
        case .recordChanges(let record): "record_changes from $\(record.changes) as \(record.internalId)"
        case .canvas(let changes): "canvas " + changes.map(\.description).joined(separator: "; ")
        case .gitHub(let changes): "github " + changes.map(\.description).joined(separator: "; ")
        case .clock(.advance(let seconds)): "clock advance \(seconds)s"
        case .clock(.set(let instant)): "clock set \(instant)"
        case .wait(let seconds): "wait \(seconds)s"
        case .faults(let rules): "faults " + rules.map(\.description).joined(separator: "; ")
        case .rateLimit(let value): "rate_limit \(value)"
        case .clearFaults: "clear_faults"
        case .suspendFaults: "suspend_faults"
        case .resumeFaults: "resume_faults"
        case .mark: "mark"
        case .journal(let check): "journal \(check)"
        }
    }

    /// The value with every `apiToken` replaced by `[REDACTED]`.
    package static func redactingTokens(_ value: ScenarioValue) -> ScenarioValue {
        switch value {
        case .map(let entries):
            .map(entries.map { $0.key == "apiToken" ? .init($0.key, .string("[REDACTED]")) : .init($0.key, redactingTokens($0.value)) })
        case .list(let items): .list(items.map(redactingTokens))
        default: value
        }
    }
}

extension ScenarioVerdict {
    package mutating func apply(_ result: ScenarioExecution.RunResult) {
        outcome = result.outcome
        reason = result.reason
        failure = result.failure
        errorCode = result.errorCode
        trace = result.trace
        history = result.history
        notes = result.notes
    }
}

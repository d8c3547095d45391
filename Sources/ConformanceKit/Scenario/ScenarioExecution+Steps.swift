import ConceptValues
import KitPrimitives
import MockCanvas
import MockServerCore

extension ScenarioExecution {
    package mutating func perform(_ scenarioStep: ScenarioStep) async -> StepOutcome {
        switch scenarioStep.action {
        case .call(let call): return await performCall(call)
        case .concurrently(let clients): return await performConcurrently(clients)
        case .recordChanges(let record): return await performRecordChanges(record)
        case .canvas(let changes): return applyChanges(changes)
        case .gitHub(let changes): return applyGitHubChanges(changes)
        case .clock(let move): return moveClock(move)
        case .wait(let seconds):
            guard configuration.policy.clock == .own else {
                trace.append("\(step). wait \(seconds)s (nothing on the virtual clock)")
                return .ok
            }
            try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            if seconds >= 1 { match.ticked.formUnion(match.bindings.entries.map(\.key)) }
            trace.append("\(step). wait \(seconds)s")
            return .ok
        case .faults(let rules): return installFaults(rules)
        case .rateLimit(let value): return setRateLimit(value)
        case .clearFaults:
            context.platform.clearFaults()
            record("faults", "cleared")
            trace.append("\(step). clear_faults")
            return .ok
        case .suspendFaults, .resumeFaults:
            let suspend: Bool = if case .suspendFaults = scenarioStep.action { true } else { false }
            suspend ? context.platform.suspendFaults() : context.platform.resumeFaults()
            record("faults", suspend ? "suspended" : "resumed")
            trace.append("\(step). \(suspend ? "suspend_faults" : "resume_faults")")
            return .ok
        case .mark:
            canvasMark = context.platform.nextJournalSequence
            otherMark = other?.nextJournalSequence ?? 1
            trace.append("\(step). mark")
            return .ok
        case .journal(let check): return checkJournal(check)
        }
    }

    private mutating func performCall(_ call: CallStep) async -> StepOutcome {
        let signature: CallSignature, arguments: ScenarioValue
        switch resolve(call) {
        case .success(let resolved): (signature, arguments) = resolved
        case .failure(let failure): return failure.outcome
        }
        let described = "\(call.name) \(Self.redactingTokens(arguments))"
        let canvasBefore = context.platform.nextJournalSequence, otherBefore = other?.nextJournalSequence ?? 1
        let answer: ActualResult
        switch await invoke(signature, arguments, described: described) {
        case .success(let actual): answer = actual
        case .failure(let failure): return withClue(failure.outcome, canvasAfter: canvasBefore, otherAfter: otherBefore)
        }
        return withClue(judge(answer, of: call, signature: signature, arguments: arguments, described: described), canvasAfter: canvasBefore, otherAfter: otherBefore)
    }

    /// A failed outcome with what the call's requests suggest about the cause (``RequestClue``).
    func withClue(_ outcome: StepOutcome, canvasAfter: Int, otherAfter: Int) -> StepOutcome {
        guard case .failed(var mismatch) = outcome, mismatch.clue == nil,
            let clue = RequestClue.first(in: requests(canvasAfter: canvasAfter, otherAfter: otherAfter))
        else { return outcome }
        mismatch.clue = clue
        return .failed(mismatch)
    }

    /// The call's signature and its arguments with bindings resolved (and translated for GitHub Classroom).
    package func resolve(_ call: CallStep) -> Result<(CallSignature, ScenarioValue), StepFailure> {
        guard let signature = CallSignature.named(call.name) else { return .failure(StepFailure(.error(code: "unknown-call", reason: "unknown call \(call.name)"))) }
        let source = (try? call.arguments.resolved(match).get())?["sourceAccount"]?.text
        switch rebasedLiterals(call.arguments, source: source).resolved(match) {
        case .success(let value): return .success((signature, translatedArguments(value)))
        case .failure(let problem):
            return .failure(StepFailure(.error(code: ScenarioError.Code.stepFailed.rawValue, reason: "with.\(problem.path): \(problem.message)")))
        }
    }

    /// Matches an answer against the step's expectation, then binds its capture.
    package mutating func judge(_ answer: ActualResult, of call: CallStep, signature: CallSignature, arguments: ScenarioValue, described: String) -> StepOutcome {
        let (expect, poll) = translatedExpectation(call.expect, call: call.name, arguments: arguments)
        observe(call: call.name, arguments: arguments, answer: answer, poll: poll)
        if let mismatch = Matcher.matchResult(expect, answer, isQuery: signature.isQuery, context: &match) {
            trace.append("\(step). \(Self.short(described)) → \(answer.summary)  [FAILED]")
            return .failed(mismatch)
        }
        if let name = call.capture, case .success = answer {
            let result = capturedValue(of: answer)
            match.bind(name, result)
        }
        trace.append("\(step). \(Self.short(described)) → \(ActualResult.truncated(answer.summary, limit: 240))  [ok]")
        return .ok
    }

    /// Builds and performs one call with the per-call timeout, recording it, its answer and the
    /// requests it caused. A harness failure ends the scenario with `error`.
    package mutating func invoke(_ signature: CallSignature, _ arguments: ScenarioValue, described: String) async -> Result<ActualResult, StepFailure> {
        let call: ConceptCall
        switch prepare(signature, arguments) {
        case .success(let built): call = built
        case .failure(let failure): return .failure(failure)
        }
        let canvasBefore = context.platform.nextJournalSequence
        let otherBefore = other?.nextJournalSequence ?? 1
        record("call", described)
        let answer = await Self.performWithTimeout(call, on: implementation, timeout: configuration.callTimeout)
        recordRequests(canvasAfter: canvasBefore, otherAfter: otherBefore)
        return settle(answer, signature: signature, described: described, canvasBefore: canvasBefore, otherBefore: otherBefore)
    }

    /// The concept call for `arguments` (the isolation prefix applied); a connect's token joins the secrets.
    package mutating func prepare(_ signature: CallSignature, _ arguments: ScenarioValue) -> Result<ConceptCall, StepFailure> {
        switch signature.makeCall(arguments, isolationPrefix: context.isolationPrefix) {
        case .success(let call):
            if case .connectSource(_, _, _, let details) = call, details.apiToken.count >= 4, !secrets.contains(details.apiToken) {
                secrets.append(details.apiToken)
            }
            return .success(call)
        case .failure(let problem):
            return .failure(StepFailure(.error(code: ScenarioError.Code.stepFailed.rawValue, reason: "with.\(problem.path): \(problem.message)")))
        }
    }

    /// Reads an answer: a harness error ends the scenario (a `failure` when it shows a broken rule,
    /// judged by the requests after the marks), an answer holding a token fails it.
    package mutating func settle(
        _ answer: Result<ConceptResult, HarnessError>, signature: CallSignature, described: String, canvasBefore: Int, otherBefore: Int,
        recordingResult: Bool = true
    ) -> Result<ActualResult, StepFailure> {
        switch answer {
        case .failure(let harness):
            record("harness-error", harness.description)
            let stalled = requests(canvasAfter: canvasBefore, otherAfter: otherBefore).contains { $0.fault == TransportFault.stall.rawValue }
            if case .brokeRule(let rule) = HarnessJudgement.judge(harness, call: signature.name, platformStalled: stalled, callTimeout: configuration.callTimeout) {
                trace.append("\(step). \(Self.short(described)) → \(harness.code)  [FAILED]")
                return .failure(StepFailure(.failed(rule.mismatch)))
            }
            trace.append("\(step). \(Self.short(described)) → harness error \(harness)")
            return .failure(StepFailure(.error(code: harness.code.rawValue, reason: "\(signature.name): \(harness)")))
        case .success(let result):
            let actual = result.removingPrefix(context.isolationPrefix).actual
            if recordingResult { record("result", actual.summaryForHistory) }
            let rendered = actual.summaryForHistory
            if secrets.contains(where: { rendered.contains($0) }) {
                trace.append("\(step). \(described) → an answer containing an apiToken  [FAILED]")
                return .failure(StepFailure(.failed(Mismatch(
                    path: "secrecy", expected: "no apiToken in any answer",
                    actual: "an apiToken given to connectSource (not shown)",
                    detail: normalize(Self.excerpt(of: rendered, around: secrets))))))
            }
            return .success(actual)
        }
    }

    /// Up to 60 characters either side of the first secret in `text`, every secret shown as `[REDACTED]`.
    package static func excerpt(of text: String, around secrets: [String]) -> String {
        guard let range = secrets.compactMap({ text.firstRange(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -60, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
        var out = String(text[start..<end])
        for secret in secrets { out = out.replacing(secret, with: "[REDACTED]") }
        return "where: " + (start > text.startIndex ? "…" : "") + out + (end < text.endIndex ? "…" : "")
    }

    /// A call's description shortened for the trace (the history keeps it whole).
    package static func short(_ described: String) -> String { ActualResult.truncated(described, limit: 200) }

    /// A step's failure carried through `Result`.
    package struct StepFailure: Error {
        var outcome: StepOutcome
        init(_ outcome: StepOutcome) { self.outcome = outcome }
    }

    /// What `capture:` saves: the value of the single named result (the id, the list), else the whole answer.
    private func capturedValue(of answer: ActualResult) -> ScenarioValue {
        guard case .success(let value) = answer else { return .null }
        if case .map(let entries) = value, entries.count == 1 { return entries[0].value }
        return value
    }

    /// Calls `perform`, giving up after `timeout` (wall time: a real socket timeout, README, "Determinism").
    package static func performWithTimeout(_ call: ConceptCall, on implementation: any ImplementationUnderTest, timeout: Duration) async -> Result<ConceptResult, HarnessError> {
        await withTaskGroup(of: Result<ConceptResult, HarnessError>?.self) { group in
            group.addTask { await implementation.perform(call) }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                } catch {
                    return nil
                }
                return .failure(HarnessError(.timeout, "no answer to \(call.name) within \(timeout)"))
            }
            var answer: Result<ConceptResult, HarnessError> = .failure(HarnessError(.timeout, "no answer to \(call.name)"))
            for await result in group {
                if let result {
                    answer = result
                    group.cancelAll()
                    break
                }
            }
            return answer
        }
    }

    private mutating func performRecordChanges(_ recordStep: RecordChangesStep) async -> StepOutcome {
        guard case .list(let items)? = match.bindings[recordStep.changes] else {
            return .error(code: ScenarioError.Code.stepFailed.rawValue, reason: "$\(recordStep.changes) is not a captured list of changes")
        }
        guard let signature = CallSignature.named("recordInternalSync") else { preconditionFailure("recordInternalSync is a call") }
        let source: ScenarioValue
        switch recordStep.sourceAccount.resolved(match) {
        case .success(let value): source = value
        case .failure(let problem): return .error(code: ScenarioError.Code.stepFailed.rawValue, reason: problem.message)
        }
        var recorded: [String] = []
        for (index, item) in items.enumerated() {
            guard let externalId = item["externalId"]?.text, let stamp = item["externalModificationTimestamp"] else {
                return .error(code: ScenarioError.Code.stepFailed.rawValue, reason: "$\(recordStep.changes)[\(index)] is not an identifyChanges item")
            }
            let internalId = item["existingInternalId"]?.text ?? recordStep.internalId.replacing("{externalId}", with: externalId)
            let arguments = ScenarioValue.object([
                "sourceAccount": source, "externalId": .string(externalId), "internalId": .string(internalId), "externalModificationTimestamp": stamp,
            ])
            let described = "recordInternalSync \(arguments)"
            switch await invoke(signature, arguments, described: described) {
            case .failure(let failure): return failure.outcome
            case .success(.failure(let error)):
                trace.append("\(step). \(described) → error \(error)  [FAILED]")
                return .failed(Mismatch(path: "record_changes[\(index)]", expected: "success", actual: "error \(error)"))
            case .success(.success):
                recorded.append("\(externalId)→\(internalId)")
            }
        }
        let shown = recorded.prefix(6).joined(separator: ", ") + (recorded.count > 6 ? ", … (\(recorded.count) in all)" : "")
        trace.append("\(step). record_changes: \(recorded.isEmpty ? "nothing to record" : shown)  [ok]")
        return .ok
    }
}

extension ActualResult {
    /// The full rendering for the history (not truncated).
    package var summaryForHistory: String {
        switch self {
        case .success(let value): value.description
        case .failure(let error): "error \(error.kind.rawValue) \(error.name ?? "-"): \(error.message)"
        }
    }
}

import ConceptValues
import KitPrimitives

extension ScenarioExecution {
    /// `concurrently:`: builds every client's calls from the bindings made so far, runs the clients
    /// at once (each its calls in order, each call with the per-call timeout), then reads and
    /// matches the answers client by client. The first harness error, token or mismatch ends the step.
    package mutating func performConcurrently(_ clients: [[CallStep]]) async -> StepOutcome {
        var prepared: [[(step: CallStep, signature: CallSignature, arguments: ScenarioValue, call: ConceptCall)]] = []
        for client in clients {
            var calls: [(step: CallStep, signature: CallSignature, arguments: ScenarioValue, call: ConceptCall)] = []
            for callStep in client {
                let signature: CallSignature, arguments: ScenarioValue
                switch resolve(callStep) {
                case .success(let resolved): (signature, arguments) = resolved
                case .failure(let failure): return failure.outcome
                }
                switch prepare(signature, arguments) {
                case .success(let call): calls.append((callStep, signature, arguments, call))
                case .failure(let failure): return failure.outcome
                }
            }
            prepared.append(calls)
        }
        let canvasBefore = context.platform.nextJournalSequence
        let otherBefore = other?.nextJournalSequence ?? 1
        for (client, calls) in prepared.enumerated() {
            for entry in calls { record("call", "client \(client + 1): \(entry.step.name) \(Self.redactingTokens(entry.arguments))") }
        }
        let implementation = self.implementation
        let timeout = configuration.callTimeout
        let gate = StartGate()
        let answers = await withTaskGroup(of: (Int, [Result<ConceptResult, HarnessError>]).self) { group in
            for (client, calls) in prepared.enumerated() {
                let concept = calls.map(\.call)
                group.addTask {
                    await gate.start(client)
                    var out: [Result<ConceptResult, HarnessError>] = []
                    for call in concept { out.append(await Self.performWithTimeout(call, on: implementation, timeout: timeout)) }
                    return (client, out)
                }
            }
            return await group.reduce(into: [Int: [Result<ConceptResult, HarnessError>]]()) { $0[$1.0] = $1.1 }
        }
        // Which client got which answer, whether a racing call failed, and which requests reached
        // the platform depend on the interleaving: the history (the determinism gate's input) keeps
        // how many answers came back; the trace shows each answer.
        record("results", "\(answers.values.map(\.count).reduce(0, +)) answers")
        trace.append("\(step). concurrently: \(prepared.count) clients, \(prepared.map(\.count).reduce(0, +)) calls")
        for (client, calls) in prepared.enumerated() {
            for (position, entry) in calls.enumerated() {
                guard let answer = answers[client]?[position] else { continue }
                let described = "client \(client + 1): \(entry.step.name) \(Self.redactingTokens(entry.arguments))"
                let actual: ActualResult
                switch settle(answer, signature: entry.signature, described: described, canvasBefore: canvasBefore, otherBefore: otherBefore, recordingResult: false) {
                case .success(let read): actual = read
                case .failure(let failure): return failure.outcome
                }
                let outcome = judge(actual, of: entry.step, signature: entry.signature, arguments: entry.arguments, described: described)
                if case .ok = outcome { continue }
                return outcome
            }
        }
        return .ok
    }
}

import ConceptValues
import KitPrimitives
import MockServerCore
import ConformanceKit

extension CaseRunner {
    /// A concurrent phase: fault rules are suspended (a fault would hit whichever client came
    /// first) and resumed after it, every client issues its calls at once, and the answers are
    /// judged together.
    ///
    /// 1. Every answer is checked for tokens, and the journal for a token sent elsewhere.
    /// 2. Per owner, some order of the calls that respects real time must be one in which the model
    ///    allows every answer (``Linearizability``); else `not-linearizable`.
    /// 3. The probe's queries then pick, among the final states the orders end in, one the
    ///    implementation's state equals; if none does, the invariants' verdict on the first (two
    ///    mappings for one assignment: `duplicate-mapping`) is the failure.
    /// Returns false: the phase runs its own probe.
    package mutating func runConcurrently(_ lanes: [[CheckerCommand]], command: CheckerCommand) async -> Bool {
        let clients = lanes.map { $0.compactMap(concurrentCall(for:)) }.filter { !$0.isEmpty }
        guard !clients.isEmpty else { return skip(command) }
        begin(command)
        platform.suspendFaults()
        let mark = platform.nextJournalSequence
        let calls = await Self.runClients(clients, on: implementation)
        let entries = platform.journal(after: mark - 1)
        platform.resumeFaults()
        var record = ConcurrentPhaseRecord(calls: calls)
        record.requests = entries.map(Self.render)
        let start = model
        let context = phaseContext()
        var search = Linearizability(calls: calls, context: context)
        search.bound = linearizabilityBound
        let predicted = start.predicting(roundRobin(clients), idPrefix: ConcurrentPhaseRecord.pendingIDPrefix, context: context)
        record.checks = phaseChecks(clients.flatMap { $0 }, predicted: predicted)
        let event = history.events.count
        history.append(step: step, .concurrent(record))
        func failPhase(_ violation: Violation) {
            guard self.violation == nil else { return }
            self.violation = violation
            failingEvent = event
        }

        for call in calls {
            if case .unanswered(let error) = call.outcome {
                let judged = HarnessJudgement.judge(error, call: call.call.name, platformStalled: false)
                if case .brokeRule(let rule) = judged {
                    let code: Violation.Code = rule.kind == .secrecy ? .tokenLeak : rule.kind == .contract ? .wireContract : .stallNotAbandoned
                    failPhase(Violation(code: code, phase: phase, step: step, call: "\(call.call)", mismatch: rule.mismatch, clauses: []))
                } else {
                    fail(.harness, call: "\(call.call)", mismatch: Mismatch(path: "", expected: "an answer", actual: "\(error)"), clauses: [])
                }
                return false
            }
            if let result = call.result, let leak = Invariants.tokenLeak(in: .init(call.call, result), secrets: secrets, step: step, phase: phase) {
                failPhase(leak)
                return false
            }
        }
        if let elsewhere = Invariants.tokenSentElsewhere(
            entries, host: String(origin.dropFirst("http://".count)), call: "a concurrent phase", step: step, phase: phase)
        {
            failPhase(elsewhere)
            return false
        }

        var partitions: [(Linearizability.Partition, [Linearizability.Linearization])] = []
        for partition in search.partitions(from: start) {
            switch search.check(partition.calls, from: start) {
            case .linearizable(let orders):
                partitions.append((partition, orders))
            case .violated(let prefix, let refused):
                failPhase(Self.notLinearizable(calls, prefix: prefix, refused: refused, step: step, phase: phase))
                return false
            case .unknown(let explored):
                inconclusive = "step \(step): the linearizability search gave up after \(explored) states (\(calls.count) calls)"
                history.append(step: step, .note("inconclusive: \(inconclusive!)"))
                return false
            }
        }

        // The probe's queries are the same for every candidate (the phase's answers fix which sources exist).
        let first: SyncModel
        switch compose(partitions.map { $0.1[0].order }, calls: calls, from: start, context: context) {
        case .success(let model): first = model
        case .failure(let violation):
            failPhase(violation)
            return false
        }
        // A record that raced a disconnect must not leave a mapping its source's id still answers for.
        let delinked = calls.compactMap { call -> ConceptCall? in
            guard case .recordInternalSync(let id, let externalId, _, _) = call.call, first.source(id) == nil else { return nil }
            return .getMappedInternalId(externalId: externalId, sourceAccount: id)
        }
        guard let (answers, _) = await probeAnswers(expecting: first, also: delinked) else { return false }
        let orders = partitions.map { partition, candidates in
            let relevant = answers.filter { Linearizability.owner(of: $0.call, in: first) == partition.owner }
            let fits = candidates.first {
                Invariants.check(StateProbe(answers: relevant), model: $0.model, secrets: secrets, step: step, phase: phase).isEmpty
            }
            return (fits ?? candidates[0]).order
        }
        let composite: SyncModel
        switch compose(orders, calls: calls, from: start, context: context) {
        case .success(let model): composite = model
        case .failure(let violation):
            failPhase(violation)
            return false
        }
        if var broken = Invariants.check(StateProbe(answers: answers), model: composite, secrets: secrets, step: step, phase: phase).first {
            // The state broke a rule right after clients called at once: name the race, not only the query.
            broken.mismatch.detail = ["the state right after \(clients.count) clients called at once (step \(step))", broken.mismatch.detail]
                .compactMap { $0 }.joined(separator: "\n")
            broken.clauses += ["interp.concurrent-calls"]
            failPhase(broken)
            return false
        }
        model = composite
        for call in calls where call.result == .empty {
            if case .recordInternalSync(let id, _, _, _) = call.call { model.markRecordedOutsideApplication(id) }
        }
        // A record that raced its source's disconnect is probed as delinked whether it landed first
        // or failed, so the later probes do not depend on which call won.
        for call in calls {
            if case .recordInternalSync(let id, let externalId, _, _) = call.call { model.probeAsDelinked([externalId], of: id) }
        }
        observeLastPolls(answers)
        record.linearization = orders.flatMap { $0 }
        var replayModel = start
        for index in record.linearization {
            let platform = context(replayModel, calls[index].call)
            record.expected[index] = replayModel.expectation(for: calls[index].call, platform: platform)
            if let result = calls[index].result { replayModel.apply(calls[index].call, result: result, platform: platform) }
        }
        history.replaceConcurrent(at: event, with: record)
        return false
    }

    /// What the (healed, unchanging) platform looks like to a call when the model is in a state.
    package func phaseContext() -> (SyncModel, ConceptCall) -> PlatformContext {
        let platform = self.platform
        let origin = self.origin
        return { model, call in
            switch call {
            case .connectSource(_, _, _, let details):
                let visible = model.expectedPoll(of: nil, token: details.apiToken, on: platform)
                return PlatformContext(now: platform.now, visibleBefore: visible, visibleAfter: visible, reachable: details.baseUrl == origin)
            case .pollExternalSource(let id):
                let visible = model.source(id).flatMap { model.expectedPoll(of: id, token: $0.token, on: platform) }
                return PlatformContext(now: platform.now, visibleBefore: visible, visibleAfter: visible)
            default:
                return .quiet(at: platform.now)
            }
        }
    }

    /// The queries that pin the state after the phase, as the invariants' probe makes them for the
    /// owners the phase touched (sources it created are left out: their ids depend on who won), and
    /// each assignment recorded on a source it disconnected.
    package func phaseChecks(_ calls: [ConceptCall], predicted: SyncModel) -> [ConcurrentPhaseRecord.Check] {
        let touched = Set(calls.map { Linearizability.owner(of: $0, in: model) }.filter { !$0.isEmpty })
        var queries = StateProbe.queries(for: predicted, owners: owners.filter(touched.contains)).filter { query in
            let owner = Linearizability.owner(of: query, in: predicted)
            return touched.contains(owner) && !"\(query)".contains(ConcurrentPhaseRecord.pendingIDPrefix)
        }
        for call in calls {
            guard case .recordInternalSync(let id, let externalId, _, _) = call, model.source(id) != nil, predicted.source(id) == nil else { continue }
            let query = ConceptCall.getMappedInternalId(externalId: externalId, sourceAccount: id)
            if !queries.contains(query) { queries.append(query) }
        }
        return queries.map { .init(call: $0, expected: predicted.expectation(for: $0, platform: .quiet(at: platform.now))) }
    }

    /// The state after the partitions' orders, one after another, or the violation of a call the
    /// model refuses there (an id issued to two owners at once shows up only here).
    package func compose(
        _ orders: [[Int]], calls: [ConcurrentCall], from start: SyncModel, context: (SyncModel, ConceptCall) -> PlatformContext
    ) -> Result<SyncModel, Violation> {
        var model = start
        for index in orders.flatMap({ $0 }) {
            guard let result = calls[index].result else { continue }
            let platform = context(model, calls[index].call)
            let expected = model.expectation(for: calls[index].call, platform: platform)
            if let mismatch = expected.judge(result, policy: model.policy) {
                return .failure(Violation(
                    code: .notLinearizable, phase: phase, step: step, call: "\(calls[index].call)", mismatch: mismatch, clauses: expected.clauses))
            }
            model.apply(calls[index].call, result: result, platform: platform)
        }
        return .success(model)
    }

    /// The failure of a phase no order explains: what some order explained first, then each call
    /// that could have come next and why the model refused its answer there.
    package static func notLinearizable(
        _ calls: [ConcurrentCall], prefix: [Int], refused: [Linearizability.Refusal], step: Int, phase: Violation.Phase
    ) -> Violation {
        func line(_ index: Int) -> String {
            "client \(calls[index].client + 1): \(calls[index].call) -> " + (calls[index].result.map(ResultText.render) ?? "no answer")
        }
        var detail = prefix.isEmpty ? [] : ["explained first: " + prefix.map(line).joined(separator: "; ")]
        for refusal in refused {
            detail.append("then refused: \(line(refusal.call)); the model allows \(refusal.mismatch.expected)"
                + (refusal.mismatch.detail.map { " (\($0))" } ?? ""))
        }
        let call = refused.first.map { "\(calls[$0.call].call)" } ?? "a concurrent phase"
        return Violation(
            code: .notLinearizable, phase: phase, step: step, call: call,
            mismatch: Mismatch(
                path: refused.first?.mismatch.path ?? "",
                expected: "some order of the \(calls.count) concurrent calls, respecting real time, in which the model allows every answer",
                actual: "none", detail: detail.joined(separator: "\n")),
            clauses: ["interp.concurrent-calls", "connectSource.requires.unique-name", "recordInternalSync.effects.create"])
    }
}

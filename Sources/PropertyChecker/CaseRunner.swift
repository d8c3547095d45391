import ConceptValues
import KitPrimitives
import MockCanvas
import MockServerCore
import ConformanceKit

/// Runs one checker case against one implementation and its own mock platform: each command, the
/// invariants after each step, then the heal-and-quiesce phase (faults off, one clean sync of every
/// source) and the final checks (Jepsen's phases). It stops at the first violation.
///
/// Commands speak Canvas: on GitHub Classroom they act on the Canvas shadow and reach the served
/// mock through ``SimulatedPlatform``'s translation; what a poll must return comes from the
/// platform's oracle, stamped through the model's per-source ledger (``SyncModel/expectedPoll(of:token:on:)``).
package struct CaseRunner {
    package let plan: CheckerCase
    package let implementation: any ImplementationUnderTest
    /// The served mock (and, on GitHub Classroom, the Canvas shadow the commands act on).
    package let platform: SimulatedPlatform
    /// The mock's base URL.
    package let origin: String
    /// Put in front of owners when the implementation is shared between cases.
    package let prefix: String
    package let policy: ModelPolicy

    package var model: SyncModel
    package var application = ApplicationModel()
    package var history: CheckerHistory
    package var findings: [Finding] = []
    package var violation: Violation?
    /// The index in ``history`` of the call whose answer broke a rule, if one did.
    package var failingEvent: Int?
    /// The step being run (1-based; 0 in the quiescence phase).
    package var step = 0
    package var phase = Violation.Phase.commands
    /// Set while the quiescence phase asks for changes after the full sync (which must be none).
    package var checkingQuiescence = false
    package var commandsRun = 0
    package var commandsSkipped = 0
    /// Why the case stopped without a verdict (a linearizability search that hit its bound).
    package var inconclusive: String?
    /// The most states one owner's linearizability search visits.
    package var linearizabilityBound = Linearizability.defaultBound
    /// Counters for ids the case makes up (added assignments, courses, tokens, renames, rules).
    package var counters = Counters()

    package struct Counters {
        var assignments = 0
        var courses = 0
        var tokens = 0
        var renames = 0
        var rules = 0
        /// Assignments GitHub Classroom page shifts inserted.
        var inserted = 0
    }

    package init(plan: CheckerCase, implementation: any ImplementationUnderTest, platform: SimulatedPlatform, origin: String, prefix: String, policy: ModelPolicy) {
        self.plan = plan
        self.implementation = implementation
        self.platform = platform
        self.origin = origin
        self.prefix = prefix
        self.policy = policy
        model = SyncModel(policy: policy, platform: plan.platform)
        secrets = plan.world.world.users.flatMap(\.tokens).map(\.token) + [plan.world.bogusToken]
        let alias = FaultChoice.aliasOrigin(of: origin)
        history = CheckerHistory { text in
            var normalized = text.replacing(origin, with: "$canvas")
            if let alias { normalized = normalized.replacing(alias, with: "$other_origin") }
            var out = CheckerWorld.redactingTokens(normalized)
            if !prefix.isEmpty { out = out.replacing(prefix, with: "") }
            return out
        }
    }

    /// The Canvas world's mock: the served one, or on GitHub Classroom the shadow that commands
    /// resolve against (same clock).
    package var canvas: MockCanvas { platform.canvas }

    /// The owners the case uses, isolated when the implementation is shared.
    package var owners: [String] { CheckerWorld.owners.map { prefix + $0 } }

    /// Every token the platform issued so far (and the bogus one): what no answer may contain.
    package var secrets: [String]

    /// Runs the commands, then heals and quiesces.
    package mutating func run() async {
        for (index, command) in plan.commands.enumerated() {
            step = index + 1
            let touchedImplementation = await execute(command)
            if violation != nil || inconclusive != nil { return }
            if touchedImplementation { await probe() }
            if violation != nil { return }
        }
        await healAndQuiesce()
    }

    /// Records a violation (the first one wins).
    package mutating func fail(_ code: Violation.Code, call: String, mismatch: Mismatch, clauses: [String], level: ScenarioLevel = .must) {
        guard violation == nil else { return }
        violation = Violation(code: code, phase: phase, step: step, call: call, mismatch: mismatch, clauses: clauses, level: level)
    }

    /// Records a finding about the spec (once per kind per case).
    package mutating func report(_ id: String, example: String) {
        guard !findings.contains(where: { $0.id == id }) else { return }
        findings.append(.make(id, caseSeed: plan.seedText, step: step, example: example))
    }

    /// Queries the implementation's state and checks the invariants.
    package mutating func probe() async {
        guard let (answers, events) = await probeAnswers(expecting: model) else { return }
        if let first = Invariants.check(StateProbe(answers: answers), model: model, secrets: secrets, step: step, phase: phase).first {
            guard violation == nil else { return }
            violation = first
            failingEvent = answers.firstIndex { "\($0.call)" == first.call }.map { events[$0] }
            return
        }
        observeLastPolls(answers)
    }

    /// Makes the invariants' queries for `expected`'s sources (and `extra` ones), recording each with what `expected`
    /// allows; nil when one got no answer (the violation is recorded).
    package mutating func probeAnswers(expecting expected: SyncModel, also extra: [ConceptCall] = []) async -> (answers: [StateProbe.Answer], events: [Int])? {
        var answers: [StateProbe.Answer] = []
        var events: [Int] = []
        let queries = StateProbe.queries(for: expected, owners: owners)
        for call in queries + extra.filter({ !queries.contains($0) }) {
            guard let result = await perform(call, probe: true) else { return nil }
            answers.append(.init(call, result))
            let allowed = expected.expectation(for: call, platform: .quiet(at: platform.now))
            events.append(history.events.count)
            history.append(step: step, .call(call, expected: allowed, actual: result, probe: true))
        }
        return (answers, events)
    }

    /// Pins each implementation-clock `lastSuccessfulPoll` the probe saw.
    package mutating func observeLastPolls(_ answers: [StateProbe.Answer]) {
        for answer in answers {
            guard case .sources(let views) = answer.result else { continue }
            for view in views { model.observeLastPoll(of: view.id, view.lastSuccessfulPoll) }
        }
    }

    /// One call, without judging; nil when the implementation gave no answer: a violation of the rule
    /// its absence breaks (``HarnessJudgement``), else a harness violation (the kit could not judge).
    ///
    /// A broken rule is recorded as the failing event, with what the model allowed, so the failure
    /// scenario holds the call and a replay against the same implementation fails on it again.
    package mutating func perform(_ call: ConceptCall, probe: Bool = false) async -> ConceptResult? {
        let mark = platform.nextJournalSequence
        switch await implementation.perform(call) {
        case .success(let result):
            return result
        case .failure(let error):
            let entries = platform.journal(after: mark - 1)
            let stalled = entries.contains { $0.fault == TransportFault.stall.rawValue }
            switch HarnessJudgement.judge(error, call: call.name, platformStalled: stalled) {
            case .brokeRule(let rule):
                let code: Violation.Code = switch rule.kind {
                case .secrecy: .tokenLeak
                case .contract: .wireContract
                case .stallNotAbandoned: .stallNotAbandoned
                }
                let context = PlatformContext(now: platform.now, firedFaults: entries.compactMap(\.fault))
                if violation == nil { failingEvent = history.events.count }
                history.append(step: step, .unanswered(call, expected: model.expectation(for: call, platform: context), reason: "\(error.code)", probe: probe))
                if !entries.isEmpty { history.append(step: step, .requests(entries.map(Self.render))) }
                fail(code, call: "\(call)", mismatch: rule.mismatch, clauses: [])
            case .couldNotJudge:
                fail(.harness, call: "\(call)", mismatch: Mismatch(path: "", expected: "an answer", actual: "\(error)"), clauses: [])
            }
            return nil
        }
    }
}

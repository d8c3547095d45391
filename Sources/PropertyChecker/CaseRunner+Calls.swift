import ConceptValues
import KitPrimitives
import MockCanvas
import MockServerCore
import ConformanceKit

extension CaseRunner {
    /// Makes a concept call, judges the answer against the model and moves the model on.
    ///
    /// - Parameters:
    ///   - call: The call.
    ///   - token: The token whose platform view matters (connect's, or the polled source's).
    ///   - reachable: Whether the call's base URL is the mock's.
    /// - Returns: The answer, or nil when it broke a rule (the violation is recorded).
    @discardableResult
    package mutating func call(_ call: ConceptCall, token: String? = nil, reachable: Bool = true) async -> ConceptResult? {
        let mark = self.platform.nextJournalSequence
        var polled: String?
        if case .pollExternalSource(let id) = call { polled = id }
        let before = token.flatMap { model.expectedPoll(of: polled, token: $0, on: self.platform) }
        guard let result = await perform(call) else { return nil }
        let entries = self.platform.journal(after: mark - 1)
        let after = token.flatMap { model.expectedPoll(of: polled, token: $0, on: self.platform) }
        let platform = PlatformContext(
            now: self.platform.now, visibleBefore: before, visibleAfter: after, reachable: reachable, firedFaults: entries.compactMap(\.fault))
        let expected = model.expectation(for: call, platform: platform)
        let event = history.events.count
        history.append(step: step, .call(call, expected: expected, actual: result, probe: false))
        if !entries.isEmpty { history.append(step: step, .requests(entries.map(Self.render))) }
        if let leak = Invariants.tokenLeak(in: .init(call, result), secrets: secrets, step: step, phase: phase)
            ?? Invariants.tokenSentElsewhere(entries, host: String(origin.dropFirst("http://".count)), call: "\(call)", step: step, phase: phase)
        {
            if violation == nil { (violation, failingEvent) = (leak, event) }
            return nil
        }
        if var mismatch = expected.judge(result, policy: policy) {
            mismatch.clue = RequestClue.first(in: entries)
            let code: Violation.Code = checkingQuiescence && call.name == "identifyChanges" ? .notQuiescent : .unexpectedAnswer
            if violation == nil { failingEvent = event }
            var level = ScenarioLevel.must
            if case .action(_, let namesLevel) = expected.errors, case .error(let error) = result, error.kind == .action { level = namesLevel }
            fail(code, call: "\(call)", mismatch: mismatch, clauses: expected.clauses, level: level)
            return nil
        }
        model.apply(call, result: result, platform: platform)
        return result
    }

    /// One journal line: `GET /api/v1/courses?per_page=100 200 [fault]`.
    package static func render(_ entry: JournalEntry) -> String {
        "\(entry.method) \(entry.path)\(entry.query.isEmpty ? "" : "?" + entry.query) \(entry.status.map(String.init) ?? "-")"
            + (entry.fault.map { " [\($0)]" } ?? "")
    }
}

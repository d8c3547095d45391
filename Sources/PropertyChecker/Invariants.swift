import KitPrimitives
import MockServerCore
import ConformanceKit

/// The checker's invariants, as one function: run after every step (by the checker, and by tests
/// on hand-made states) and again after the heal-and-quiesce phase, on Canvas and GitHub Classroom
/// cases alike (the platform only changes what the model expects a poll to return).
///
/// - **No duplicates**: at most one mapping per (source, externalId), each source listed once.
/// - **Delink**: a disconnected source is in no owner's list and every query about it fails with
///   the spec's message; the other sources are untouched (their mappings equal the model's); a
///   reconnect under the same name starts empty.
/// - **State equals the model**: sources (with `lastSuccessfulPoll`, null until the first success
///   and moved only by a success) and mappings are exactly the model's.
/// - **Secrecy**: no answer contains a token.
///
/// ```swift
/// let violations = Invariants.check(probe, model: model, secrets: tokens, step: 7)
/// ```
public enum Invariants {
    /// The violations `probe` shows against `model` (empty when every invariant holds).
    public static func check(
        _ probe: StateProbe, model: SyncModel, secrets: [String], step: Int, phase: Violation.Phase = .commands
    ) -> [Violation] {
        var violations: [Violation] = []
        for answer in probe.answers {
            if let leak = tokenLeak(in: answer, secrets: secrets, step: step, phase: phase) { violations.append(leak) }
            let expected = model.expectation(for: answer.call, platform: .quiet(at: .init(seconds: 0)))
            guard let mismatch = expected.judge(answer.result, policy: model.policy) else { continue }
            violations.append(Violation(
                code: code(for: answer, mismatch: mismatch, model: model), phase: phase, step: step, call: "\(answer.call)",
                mismatch: mismatch, clauses: expected.clauses))
        }
        return violations
    }

    /// A violation when `answer` contains any of `secrets`.
    public static func tokenLeak(in answer: StateProbe.Answer, secrets: [String], step: Int, phase: Violation.Phase) -> Violation? {
        guard ResultText.leakedSecret(in: answer.result, secrets: secrets) != nil else { return nil }
        return Violation(
            code: .tokenLeak, phase: phase, step: step, call: "\(answer.call)",
            mismatch: Mismatch(path: "", expected: "no apiToken anywhere in the answer", actual: "the answer contains a token"),
            clauses: ["interp.token-secrecy"])
    }

    /// A request that carried a credential to a host other than the mock's own (`host`): the token
    /// went where a `Link` header or a redirect pointed.
    public static func tokenSentElsewhere(_ entries: [JournalEntry], host: String, call: String, step: Int, phase: Violation.Phase) -> Violation? {
        guard let entry = entries.first(where: { $0.credential != .none && $0.host.lowercased() != host.lowercased() }) else { return nil }
        return Violation(
            code: .tokenSentElsewhere, phase: phase, step: step, call: call,
            mismatch: Mismatch(
                path: "", expected: "the apiToken sent only to the source's baseUrl (\(host))",
                actual: "sent to \(entry.host) (\(entry.method) \(entry.path)), where the platform's Link header pointed"),
            clauses: ["interp.token-secrecy"])
    }

    /// Which invariant a failed probe answer breaks.
    static func code(for answer: StateProbe.Answer, mismatch: Mismatch, model: SyncModel) -> Violation.Code {
        let gone = Set(model.disconnected.map(\.id))
        switch answer.call {
        case .getSourcesForUser:
            if case .sources(let views) = answer.result, views.contains(where: { gone.contains($0.id) }) { return .delink }
            return mismatch.path.hasSuffix("lastSuccessfulPoll") ? .lastSuccessfulPoll : .sourcesDiffer
        case .getAssignmentsForSource(let id), .getMappedInternalId(_, let id):
            if gone.contains(id) { return .delink }
            if mismatch.expected.hasPrefix("at most one mapping") { return .duplicateMapping }
            if let source = model.source(id), !source.earlierIDs.isEmpty, case .assignments(let views) = answer.result {
                let earlier = Set(model.disconnected.filter { source.earlierIDs.contains($0.id) }.flatMap(\.formerlyMapped))
                if views.contains(where: { earlier.contains($0.externalId) && source.mappings[$0.externalId] == nil }) {
                    return .reconnectResurrected
                }
            }
            return .mappingsDiffer
        default:
            return .unexpectedAnswer
        }
    }
}

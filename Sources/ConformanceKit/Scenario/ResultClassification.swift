/// Verdicts sorted against an implementation's expectations: which results fail the run.
public struct ResultClassification: Sendable, Hashable {
    /// How a verdict relates to what was expected.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Passed, as expected.
        case expectedPass = "expected-pass"
        /// Failed or errored, and the expectations say FAIL (or FLAKY): reported, does not fail the run.
        case expectedFailure = "expected-failure"
        /// Failed at a level the run tolerates (SHOULD under compat; INFO always, errors included): reported only.
        case toleratedFailure = "tolerated-failure"
        /// Failed or errored unexpectedly: fails the run.
        case unexpectedFailure = "unexpected-failure"
        /// Passed although the expectations say FAIL: reported (update the file), does not fail the run.
        case unexpectedPass = "unexpected-pass"
        /// Skipped.
        case skipped
    }

    /// One verdict and its kind.
    public struct Item: Sendable, Hashable {
        public var verdict: ScenarioVerdict
        public var kind: Kind
        /// The expectation that applied, if any.
        public var expectation: ImplementationExpectations.Entry?

        /// What to do about an unexpected pass. A scenario that races calls (`concurrency`) can
        /// pass by the scheduler's luck against an implementation that fails it now and then, so
        /// removing its entry is not the only advice.
        public var unexpectedPassAdvice: String {
            verdict.features.contains("concurrency")
                ? "a race can pass by chance; if it still fails now and then, mark it FLAKY, else remove it from the expectations file"
                : "remove it from the expectations file"
        }
    }

    public var items: [Item]
    /// Expectations naming scenarios that did not run (renamed or removed scenarios).
    public var staleEntries: [ImplementationExpectations.Entry]

    /// Whether the run fails: some result was an unexpected failure.
    public var failsRun: Bool { items.contains { $0.kind == .unexpectedFailure } }

    /// The items of one kind.
    public func items(_ kind: Kind) -> [Item] { items.filter { $0.kind == kind } }

    /// One line per kind with a count, then the unexpected results by id.
    public var summary: String {
        var lines = Kind.allCases.map { "\($0.rawValue): \(items($0).count)" }
        for item in items where item.kind == .unexpectedFailure || item.kind == .unexpectedPass {
            lines.append("\(item.kind.rawValue) \(item.verdict.scenarioID)\(item.verdict.reason.map { ": " + $0 } ?? "")")
        }
        for entry in staleEntries { lines.append("stale expectation \(entry.scenarioID) (no such scenario ran)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ImplementationExpectations {
    /// Classifies verdicts. Failures of scenarios whose level is in `tolerating` are reported as
    /// tolerated, not unexpected (pass `[.should, .info]` for the compat profile, `[.info]` for strict).
    public func classify(_ verdicts: [ScenarioVerdict], tolerating levels: Set<ScenarioLevel> = [.info]) -> ResultClassification {
        var items: [ResultClassification.Item] = []
        for verdict in verdicts {
            let entry = entry(for: verdict.scenarioID)
            let kind: ResultClassification.Kind
            switch (verdict.outcome, entry?.status) {
            case (.skip, _): kind = .skipped
            case (.pass, .fail?): kind = .unexpectedPass
            case (.pass, _): kind = .expectedPass
            case (_, .some): kind = .expectedFailure
            // INFO never fails a run, not even by an error; other tolerated levels tolerate failures only.
            case (_, nil) where verdict.level == .info && levels.contains(.info): kind = .toleratedFailure
            case (_, nil): kind = levels.contains(verdict.level) && verdict.outcome == .fail ? .toleratedFailure : .unexpectedFailure
            }
            items.append(ResultClassification.Item(verdict: verdict, kind: kind, expectation: entry))
        }
        let ran = Set(verdicts.map(\.scenarioID))
        return ResultClassification(items: items, staleEntries: entries.filter { !ran.contains($0.scenarioID) })
    }
}

/// The verdicts of a whole run, with the run seed and a digest over every history.
public struct ScenarioRunReport: Sendable {
    /// The run seed (print it first; README, "Determinism").
    public var seed: UInt64
    /// The implementation's label.
    public var implementation: String
    /// One verdict per scenario (load errors first), in run order.
    public var verdicts: [ScenarioVerdict]
    /// Wall time of the run (reports only).
    public var duration: Duration

    /// The digest over every scenario's history, in order: the same seed gives the same digest.
    public var digest: String { ScenarioHistory.digest(of: verdicts.map(\.history)) }

    /// How many verdicts have each outcome.
    public func count(_ outcome: ScenarioVerdict.Outcome) -> Int {
        verdicts.count { $0.outcome == outcome }
    }

    /// Failures and errors, by level.
    public func failures(at level: ScenarioLevel) -> [ScenarioVerdict] {
        verdicts.filter { ($0.outcome == .fail || $0.outcome == .error) && $0.level == level }
    }

    /// `57 passed, 2 failed (1 SHOULD), 0 errors, 1 skipped in 3.2 s; digest 1f0c…`
    public var summary: String {
        let failed = count(.fail)
        let should = verdicts.count { $0.outcome == .fail && $0.level != .must }
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let shown = (seconds * 10).rounded() / 10
        return "\(count(.pass)) passed, \(failed) failed\(should > 0 ? " (\(should) SHOULD/INFO)" : ""), \(count(.error)) errors, "
            + "\(count(.skip)) skipped in \(shown) s; seed \(seed); digest \(digest)"
    }

    /// Every non-passing verdict with its reason and diff, then the summary.
    public var text: String {
        var lines: [String] = []
        for verdict in verdicts where verdict.outcome != .pass {
            lines.append("\(verdict.outcome.rawValue.uppercased()) [\(verdict.level)] \(verdict.scenarioID)\(verdict.file.map { " (\($0))" } ?? "")")
            if let failure = verdict.failure {
                lines += failure.description.split(separator: "\n").map { "  " + $0 }
            } else if let reason = verdict.reason {
                lines.append("  " + reason)
            }
        }
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }
}

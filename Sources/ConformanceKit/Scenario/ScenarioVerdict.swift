import KitPrimitives

/// The outcome of one scenario, with everything a report needs: the reason, the failing step's
/// diff, the step trace, the history and its digest, the seed and the level.
public struct ScenarioVerdict: Sendable, Hashable {
    /// Pass, fail (the implementation answered wrongly), error (the harness could not get an
    /// answer, or the file is malformed) or skip.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case pass, fail, error, skip
    }

    /// The case's id: the scenario's id, with `[github-classroom]` after it on GitHub Classroom.
    public var scenarioID: String
    /// The platform it ran on.
    public var source: SourcePlatform = .canvas
    public var title: String
    public var file: String?
    /// The scenario's level: a SHOULD failure is reported as such; the report layer decides.
    public var level: ScenarioLevel
    public var spec: [String]
    public var features: [String]
    public var outcome: Outcome
    /// One line: why it failed, errored or was skipped.
    public var reason: String?
    /// The failing step and its diff (for `fail`).
    public var failure: ScenarioFailure?
    /// What went wrong (for `error`): a harness error code (`timeout`, `unreachable`, ...) or a
    /// scenario error code (`syntax`, `unknown-key`, ...).
    public var errorCode: String?
    /// The steps as run, one or more lines each, for reports (`system-out`).
    public var trace: [String]
    public var history: ScenarioHistory
    /// The scenario's seed (derived from the run seed).
    public var seed: UInt64
    /// The prefix put on owners and source names (empty when not shared).
    public var isolationPrefix: String
    /// The implementation's label.
    public var implementation: String
    /// Wall time spent (reports only; never in the history).
    public var duration: Duration
    /// Leniencies the match policy applied (fields not sent, unnamed errors accepted).
    public var notes: [String]

    /// The history's digest.
    public var digest: String { history.digest }

    /// Whether the outcome is pass.
    public var passed: Bool { outcome == .pass }

    /// The verdict of a run that was not made: `item` on a source type the implementation does not
    /// declare (reported as skipped with `reason`, never as passed or failed).
    public static func notRun(_ item: ScenarioCase, reason: String, implementation: String) -> ScenarioVerdict {
        let scenario = item.scenario
        var verdict = ScenarioVerdict(
            scenarioID: item.id, title: scenario.title, file: scenario.file, level: scenario.level, spec: scenario.spec,
            features: scenario.features, outcome: .skip, reason: reason, failure: nil, errorCode: nil, trace: [], history: ScenarioHistory(),
            seed: 0, isolationPrefix: "", implementation: implementation, duration: .zero, notes: [])
        verdict.source = item.platform
        return verdict
    }

    /// The verdict for a file that failed to load.
    public static func loadError(_ error: ScenarioError) -> ScenarioVerdict {
        ScenarioVerdict(
            scenarioID: error.file, title: "malformed scenario file", file: error.file, level: .must, spec: [], features: [],
            outcome: .error, reason: error.description, failure: nil, errorCode: error.code.rawValue, trace: [], history: ScenarioHistory(),
            seed: 0, isolationPrefix: "", implementation: "", duration: .zero, notes: [])
    }
}

/// The step where a scenario failed, and how.
public struct ScenarioFailure: Sendable, Hashable, CustomStringConvertible {
    /// 1-based step number.
    public var step: Int
    /// The step's line in the file, when known.
    public var line: Int?
    /// The step, in one line (`pollExternalSource {sourceAccount: "source-1"}`).
    public var summary: String
    /// Where and how the answer differs.
    public var mismatch: Mismatch

    public init(step: Int, line: Int?, summary: String, mismatch: Mismatch) {
        self.step = step
        self.line = line
        self.summary = summary
        self.mismatch = mismatch
    }

    /// `step 4 (line 31): pollExternalSource {…}` and the indented diff.
    public var description: String {
        "step \(step)\(line.map { " (line \($0))" } ?? ""): \(summary)\n" + mismatch.description.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }
}

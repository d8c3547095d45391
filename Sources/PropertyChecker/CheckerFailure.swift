import ConformanceKit
/// A failing case, before and after shrinking.
public struct CheckerFailure: Sendable {
    /// The run seed.
    public var runSeed: UInt64
    /// The case as generated and how it failed.
    public var original: CaseOutcome
    /// The smallest case that still fails the same way.
    public var minimal: CaseOutcome
    /// Candidate runs the shrink took.
    public var shrinkRuns: Int
    /// Whether re-running the original case failed again (false: flaky, not shrunk).
    public var reproduced: Bool
    /// The implementation's label.
    public var implementation: String
    /// The scenario file written, if any.
    public var scenarioFile: String?

    /// The minimal case's violation.
    public var violation: Violation { minimal.violation ?? original.violation! }

    /// The failure for people: seeds, the minimal sequence, the violation, the replay command.
    public var report: String { report(replay: { "conformance replay \($0)" }) }

    /// The same, with the replay command `replay` makes of the scenario file (one that names the
    /// implementation and every option that shaped the run, so it reproduces against it).
    public func report(replay: (String) -> String) -> String {
        let checkerCase = minimal.checkerCase
        var lines = [
            "FAILURE against \(implementation): \(violation.code)",
            "  run seed \(runSeed), case \(checkerCase.index), source type \(checkerCase.platform.sourceType), case seed \(checkerCase.seedText)"
                + (reproduced ? "" : " (did not fail again when re-run: flaky, not shrunk)"),
            "  minimal sequence (\(checkerCase.commands.count) of \(original.checkerCase.commands.count) commands, \(shrinkRuns) shrink runs):",
        ]
        for (index, command) in checkerCase.commands.enumerated() { lines.append("    \(index + 1). \(command)") }
        lines += violation.description.split(separator: "\n").map { "  " + $0 }
        if let event = minimal.failingEvent, let timeline = minimal.history.timeline(at: event) {
            lines.append("  the concurrent phase, one column per client (> sent, < answered, | waiting):")
            lines += timeline.map { "    " + $0 }
        }
        if let scenarioFile { lines.append("  replay: \(replay(scenarioFile))") }
        lines.append("  rerun: EAS_SEED=\(runSeed) (case \(checkerCase.index), on \(checkerCase.platform.shortName))")
        return lines.joined(separator: "\n")
    }
}

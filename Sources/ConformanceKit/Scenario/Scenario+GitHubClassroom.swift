import MockCanvas
import MockServerCore

extension Scenario {
    /// Why the scenario cannot run on GitHub Classroom by translation, or nil when it can: its world,
    /// changes, fault rules and journal checks all have GitHub Classroom counterparts.
    ///
    /// Canvas-only on their face: a `timestamp_style` other than UTC (GitHub writes UTC only),
    /// `rate_limit:` steps (Canvas's leaky bucket), `touch_assignment` and `set_timestamp_style`
    /// changes (no GitHub effect), and fault or journal paths and queries with no counterpart
    /// (``CanvasPathTranslation``). A scenario whose meaning is Canvas's although it translates
    /// (unpublished assignments, the login page, ...) says `sources: [Canvas]` itself.
    public var gitHubClassroomProblem: String? {
        if world.gitHubClassroomWorld != nil { return nil }
        if world.world.timestampStyle != .utc { return "the world's timestamp_style \(world.world.timestampStyle) is Canvas's (GitHub writes UTC)" }
        for (index, step) in steps.enumerated() {
            if let problem = Self.gitHubClassroomProblem(of: step.action) {
                return "step \(index + 1)\(step.line.map { " (line \($0))" } ?? ""): \(problem)"
            }
        }
        return nil
    }

    private static func gitHubClassroomProblem(of action: ScenarioStep.Action) -> String? {
        switch action {
        case .rateLimit:
            return "rate_limit sets Canvas's leaky bucket, which GitHub Classroom does not have"
        case .canvas(let changes):
            for change in changes {
                if case .string(let name)? = change["change"], ["touch_assignment", "set_timestamp_style"].contains(name) {
                    return "the Canvas change \(name) has no GitHub Classroom effect"
                }
            }
            return nil
        case .faults(let rules):
            for value in rules {
                guard case .success(let rule) = EmbeddedValue.decode(FaultRule<CanvasWorldChange>.self, from: placeholders(value)) else { continue }
                if let problem = CanvasPathTranslation.problem(translating: rule) { return problem }
            }
            return nil
        case .journal(let check):
            if let path = check.path, CanvasPathTranslation.gitHubClassroomPath(for: path.pattern) == nil {
                return "the journal path \(path.pattern) has no GitHub Classroom counterpart"
            }
            return nil
        case .call, .concurrently, .recordChanges, .clock, .wait, .clearFaults, .suspendFaults, .resumeFaults, .mark, .gitHub:
            return nil
        }
    }

    /// Built-ins replaced by placeholders, so embedded rules decode without a running mock.
    private static func placeholders(_ value: ScenarioValue) -> ScenarioValue {
        value.mapStrings { text in
            guard let name = ScenarioReference.name(in: text) else { return text }
            return ScenarioParser.placeholderBuiltins[name] ?? text
        }
    }
}

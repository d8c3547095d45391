import JUnitXML

extension ConformanceReport {
    /// The property checker's suite: one case for the invariants over the whole budget (its failure
    /// carries the shrunk sequence and the replay command), and the findings about the spec.
    public static func checkerSuite(_ run: CheckerRun, cases: Int, steps: Int, context: RunContext) -> JUnitSuite {
        var properties = [
            JUnitProperty(name: "checker.seed", value: String(run.seed)),
            JUnitProperty(name: "checker.cases", value: "\(run.casesRun) of \(cases)"),
            JUnitProperty(name: "checker.steps", value: String(steps)),
            JUnitProperty(name: "checker.commands", value: String(run.commandsRun)),
            JUnitProperty(name: "history.digest", value: run.digest),
            JUnitProperty(
                name: "checker.sources",
                value: run.casesPerPlatform.keys.sorted().map { "\($0.sourceType): \(run.casesPerPlatform[$0]!) cases" }.joined(separator: ", ")),
        ]
        let outcome: JUnitCase.Outcome
        if let setupError = run.setupError {
            outcome = .error(message: setupError, type: "setup")
        } else if let failure = run.failure {
            let violation = failure.violation
            let platform = failure.minimal.checkerCase.platform
            let replay = { (file: String) in context.replayCommand(relativePath(file), source: platform) }
            if let file = failure.scenarioFile { properties.append(JUnitProperty(name: "replay", value: replay(file))) }
            properties.append(JUnitProperty(name: "case.seed", value: failure.minimal.checkerCase.seedText))
            properties.append(JUnitProperty(name: "case.sourceType", value: failure.minimal.checkerCase.platform.sourceType))
            let message = "\(violation.code): shrunk to \(failure.minimal.checkerCase.commands.count) commands"
            // A harness violation means the kit could not judge (unreachable, not JSON, a crash): an error.
            outcome = violation.code == .harness
                ? .error(message: message, type: "\(violation.code)", body: failure.report(replay: replay))
                : .failure(message: message, type: "\(violation.code)", body: failure.report(replay: replay))
        } else {
            outcome = .passed
        }
        var output = [run.summary]
        if let failure = run.failure { output.append(failure.minimal.history.lines.joined(separator: "\n")) }
        let invariants = JUnitCase(
            classname: "properties.checker", name: "invariants hold under random commands, platform events and faults",
            time: run.duration.seconds, properties: properties, outcome: outcome, systemOut: output.joined(separator: "\n\n"))
        var findingCases: [JUnitCase] = []
        for (id, count) in run.findingCounts.sorted(by: { $0.key < $1.key }) {
            let example = run.findings.first { $0.id == id }
            findingCases.append(JUnitCase(
                classname: "properties.findings", name: id,
                properties: [JUnitProperty(name: "occurrences", value: String(count))],
                outcome: .passed,
                systemOut: example.map { "finding about the spec (not a failure of the implementation):\n\($0)" }))
        }
        return JUnitSuite(name: "properties", properties: suiteProperties(context), cases: [invariants] + findingCases)
    }
}

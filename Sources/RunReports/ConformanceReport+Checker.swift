import JUnitXML
import ConformanceKit
import PropertyChecker

extension ConformanceReport {
    /// The property checker's suite: one test case per checker case of the run (or of its shard),
    /// named by index and platform, so the merged reports of every shard hold exactly the cases of
    /// the whole run. The failing case carries the shrunk sequence and the replay command; cases
    /// after it are skipped (the checker stops at its first failure); a finding about the spec is a
    /// property of the case that showed it.
    public static func checkerSuite(_ run: CheckerRun, configuration: CheckerConfiguration, context: RunContext) -> JUnitSuite {
        let properties = [
            JUnitProperty(name: "checker.seed", value: String(run.seed)),
            JUnitProperty(name: "checker.steps", value: String(configuration.steps)),
            JUnitProperty(name: "checker.budget", value: "\(configuration.cases) cases"),
            JUnitProperty(name: "history.digest\(configuration.shard.map { ".shard-\($0.index + 1)-of-\($0.count)" } ?? "")", value: run.digest),
        ]
        let recorded = Dictionary(run.caseRecords.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        let stoppedAt = run.caseRecords.first { $0.result != .passed }?.index
        var cases: [JUnitCase] = []
        for index in 0..<configuration.cases where configuration.shard?.includes(index) ?? true {
            let platform = recorded[index]?.platform ?? configuration.platform(forCase: index)
            guard let record = recorded[index] else {
                cases.append(JUnitCase(
                    classname: "properties.checker", name: caseName(index, platform),
                    properties: [JUnitProperty(name: "source.type", value: platform.sourceType)],
                    outcome: .skipped(message: "not run: the checker stops at its first failure (case \(stoppedAt.map(String.init) ?? "?"))")))
                continue
            }
            cases.append(testCase(record, run: run, context: context))
        }
        return JUnitSuite(name: "properties", properties: suiteProperties(context) + properties, cases: cases)
    }

    /// `case 17 (Canvas)`: stable across runs and shards of one seed.
    package static func caseName(_ index: Int, _ platform: SourcePlatform) -> String { "case \(index) (\(platform.sourceType))" }

    private static func testCase(_ record: CheckerRun.CaseRecord, run: CheckerRun, context: RunContext) -> JUnitCase {
        var properties = [
            JUnitProperty(name: "case.seed", value: record.seedText),
            JUnitProperty(name: "source.type", value: record.platform.sourceType),
            JUnitProperty(name: "commands", value: String(record.commands)),
        ]
        for id in record.findings { properties.append(JUnitProperty(name: "finding", value: id)) }
        var systemOut: [String] = []
        if !record.findings.isEmpty {
            systemOut.append("findings about the spec (not failures of the implementation):")
            for id in record.findings {
                systemOut.append(run.findings.first { $0.id == id }.map { "\($0)" } ?? id)
            }
        }
        let outcome: JUnitCase.Outcome
        switch record.result {
        case .passed where record.inconclusive != nil:
            outcome = .skipped(message: "inconclusive (no verdict): \(record.inconclusive ?? "")")
        case .passed:
            outcome = .passed
        case .couldNotRun:
            outcome = .error(message: run.setupError ?? "the case could not run", type: "setup")
        case .failed:
            guard let failure = run.failure else {
                outcome = .failure(message: "failed", type: "unknown")
                break
            }
            let violation = failure.violation
            let replay = { (file: String) in context.replayCommand(relativePath(file), source: record.platform) }
            if let file = failure.scenarioFile { properties.append(JUnitProperty(name: "replay", value: replay(file))) }
            let message = "\(violation.code): shrunk to \(failure.minimal.checkerCase.commands.count) commands"
            // A harness violation means the kit could not judge (unreachable, not JSON, a crash): an error.
            outcome = violation.code == .harness
                ? .error(message: message, type: "\(violation.code)", body: failure.report(replay: replay))
                : .failure(message: message, type: "\(violation.code)", body: failure.report(replay: replay))
            systemOut.append(failure.minimal.history.lines.joined(separator: "\n"))
        }
        return JUnitCase(
            classname: "properties.checker", name: caseName(record.index, record.platform), time: record.duration.seconds,
            properties: properties, outcome: outcome, systemOut: systemOut.isEmpty ? nil : systemOut.joined(separator: "\n\n"))
    }
}

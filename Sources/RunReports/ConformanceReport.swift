import Foundation
import ScenarioCorpus
import JUnitXML
import KitPrimitives
import ConformanceKit
import PropertyChecker

/// Turns a run's results into JUnit XML suites (README, "Reports"): a `testsuite` per scenario area,
/// a `testcase` per scenario with its seed, clauses and replay command as properties and its step
/// trace as `system-out`.
public enum ConformanceReport {
    /// The suites for classified scenario results, one per area (the scenario's folder), in run order.
    public static func scenarioSuites(_ classification: ResultClassification, context: RunContext) -> [JUnitSuite] {
        var order: [String] = []
        var byArea: [String: [JUnitCase]] = [:]
        for item in classification.items {
            let area = Self.area(of: item.verdict)
            if byArea[area] == nil { order.append(area) }
            byArea[area, default: []].append(testCase(item, area: area, context: context))
        }
        return order.map { area in
            JUnitSuite(
                name: "scenarios.\(area)",
                properties: suiteProperties(context),
                cases: byArea[area] ?? [])
        }
    }

    /// The run-level properties every suite carries (the writer keeps one copy of repeats).
    public static func suiteProperties(_ context: RunContext) -> [JUnitProperty] {
        [
            JUnitProperty(name: "kit.version", value: context.kitVersion),
            JUnitProperty(name: "run.seed", value: String(context.seed)),
            JUnitProperty(name: "implementation", value: context.implementation),
            JUnitProperty(name: "profile", value: context.profile),
            JUnitProperty(name: "rerun", value: context.rerunCommand),
        ] + context.routes.map { JUnitProperty(name: "route.\($0.name)", value: $0.route) }
    }

    /// The area a verdict belongs to: its folder under `Scenarios/`, else its id's first part.
    static func area(of verdict: ScenarioVerdict) -> String {
        if let file = verdict.file {
            let parts = file.split(separator: "/")
            if let index = parts.lastIndex(where: { $0 == "Scenarios" }), index + 2 < parts.count { return String(parts[index + 1]) }
            if parts.count >= 2 { return String(parts[parts.count - 2]) }
        }
        return String(verdict.scenarioID.split(separator: ".").first ?? "scenarios")
    }

    /// `path` relative to the working directory when it lies under it (reports name repository files).
    public static func relativePath(_ path: String) -> String {
        let display = ScenarioCorpus.displayPath(path)
        guard display == path else { return display }
        let base = FileManager.default.currentDirectoryPath
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    static func testCase(_ item: ResultClassification.Item, area: String, context: RunContext) -> JUnitCase {
        let verdict = item.verdict
        var properties = [
            JUnitProperty(name: "level", value: verdict.level.rawValue),
            JUnitProperty(name: "case.seed", value: String(verdict.seed)),
            JUnitProperty(name: "spec", value: verdict.spec.joined(separator: " ")),
            JUnitProperty(name: "result", value: item.kind.rawValue),
            JUnitProperty(name: "source.type", value: verdict.source.sourceType),
        ]
        let file = verdict.file.map(relativePath)
        if let file { properties.append(JUnitProperty(name: "replay", value: context.replayCommand(file, source: verdict.source))) }
        if let cause = RootCause.of(verdict) {
            properties.append(JUnitProperty(name: "root.cause", value: cause.key))
            properties.append(JUnitProperty(name: "root.cause.signature", value: cause.description))
        }
        if let expectation = item.expectation {
            properties.append(JUnitProperty(name: "expectation", value: "\(expectation.status.rawValue): \(expectation.reason)"))
        }
        let reason = verdict.reason ?? verdict.outcome.rawValue
        let outcome: JUnitCase.Outcome
        switch item.kind {
        case .expectedPass:
            outcome = .passed
        case .unexpectedPass:
            // Passing is never a failure; the property tells the maintainer to update the expectations.
            outcome = .passed
            properties.append(JUnitProperty(name: "note", value: "unexpected pass: " + item.unexpectedPassAdvice))
        case .skipped:
            outcome = .skipped(message: reason)
        case .expectedFailure:
            outcome = .skipped(message: "expected failure (\(item.expectation?.status.rawValue ?? "FAIL")): \(item.expectation?.reason ?? "") — \(reason)")
        case .toleratedFailure:
            outcome = .skipped(message: "tolerated \(verdict.level.rawValue) failure under \(context.profile): \(reason)")
        case .unexpectedFailure:
            let body = (verdict.failure?.description ?? reason) + (verdict.notes.isEmpty ? "" : "\nnotes:\n" + verdict.notes.joined(separator: "\n"))
            outcome = verdict.outcome == .error
                ? .error(message: reason, type: verdict.errorCode ?? "error", body: body)
                : .failure(message: reason, type: "\(verdict.level.rawValue)", body: body)
        }
        // Canvas cases keep their classname (old reports stay comparable); others name their platform.
        let classname = verdict.source == .canvas ? "scenarios.\(area)" : "scenarios.\(area).\(verdict.source.shortName)"
        return JUnitCase(
            classname: classname, name: verdict.scenarioID, time: verdict.duration.seconds, file: file,
            properties: properties, outcome: outcome, systemOut: verdict.trace.joined(separator: "\n"))
    }
}

extension Duration {
    /// In seconds, as a `Double` (for report `time` attributes).
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

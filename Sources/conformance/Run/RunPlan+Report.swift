import ConformanceKit
import Foundation
import JUnitXML
import KitPrimitives
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension RunPlan {
    /// The report context: version, seed, implementation, profile, replay commands.
    var runContext: RunContext {
        let seed = self.seed
        var sutFlags = httpConfiguration.map { " --sut \($0.baseURL) --profile \($0.profile.rawValue)" } ?? ""
        if let adapter = options.adapter { sutFlags += " --adapter \(adapter)" }
        for route in options.routes { sutFlags += " --route \(route)" }
        if httpConfiguration != nil, let stallLimit = options.stallLimit { sutFlags += " --stall-limit \(stallLimit)" }
        if httpConfiguration != nil, let timeout = options.timeout { sutFlags += " --timeout \(timeout)" }
        // Header and body values may be secrets: the command names a shell variable for each instead.
        for (flag, pairs) in [("--header", options.headers), ("--body-field", options.bodyFields)] where httpConfiguration != nil {
            for pair in pairs {
                let name = String(pair.prefix { $0 != "=" })
                sutFlags += " \(flag) \"\(name)=$\(Self.replayVariable(flag: flag, name: name))\""
            }
        }
        var context = RunContext(
            kitVersion: KitVersion.current, seed: seed, implementation: provider.label, profile: profileName,
            rerunCommand: rerunCommand,
            replayCommand: { [sutFlags] file in "conformance replay --seed \(seed)\(sutFlags) \(file)" })
        context.routes = routes
        return context
    }

    /// The shell variable a replay command reads a header's or body field's value from
    /// (`--header Authorization=…` → `EAS_HEADER_AUTHORIZATION`).
    static func replayVariable(flag: String, name: String) -> String {
        (flag == "--header" ? "EAS_HEADER_" : "EAS_BODY_") + String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Every secret the run knows (tokens in worlds and scenarios), for redaction.
    var secrets: Set<String> { scenarios.reduce(into: Set<String>()) { $0.formUnion($1.knownSecrets) } }

    /// Writes the JUnit report (streaming, validated shape) and says where.
    func writeReport(_ classification: ResultClassification, checker run: CheckerRun?, elapsed: Duration, console: Console) throws {
        let directory = URL(fileURLWithPath: junitPath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let writer = try JUnitStreamWriter(
            path: junitPath, name: "ExternalAssignmentSync conformance",
            properties: ConformanceReport.suiteProperties(runContext),
            options: JUnitWriterOptions(redactor: Redactor(secrets: secrets)))
        for suite in ConformanceReport.scenarioSuites(classification, context: runContext) { try writer.write(suite) }
        if let run, let configuration = checker {
            var suite = ConformanceReport.checkerSuite(run, configuration: configuration, context: runContext)
            for platform in undeclaredSources {
                suite.cases.append(JUnitCase(
                    classname: "properties.checker", name: "property checker\(platform.reportSuffix)",
                    properties: [JUnitProperty(name: "source.type", value: platform.sourceType)],
                    outcome: .skipped(message: Self.undeclaredReason(platform))))
            }
            try writer.write(suite)
        }
        let counts = try writer.finish(time: elapsed.seconds)
        console.status("report: \(junitPath) (\(counts.tests) tests, \(counts.failures) failures, \(counts.errors) errors, \(counts.skipped) skipped)")
        if !options.noHTML {
            try HTMLReport.write(junitPath: junitPath, to: options.html)
            console.status("page: \(options.html) (open it in a browser)")
        }
    }

    /// The closing summary: counts by kind, then each unexpected result with its replay command.
    func printSummary(_ classification: ResultClassification, checker run: CheckerRun?, elapsed: Duration, console: Console) {
        var lines = ["", "summary (seed \(seed), \(String(format: "%.1f", elapsed.seconds)) s):"]
        for kind in ResultClassification.Kind.allCases {
            let count = classification.items(kind).count
            if count > 0 { lines.append("  \(kind.rawValue): \(count)") }
        }
        for platform in undeclaredSources {
            let count = classification.items.count { $0.verdict.outcome == .skip && $0.verdict.source == platform && $0.verdict.reason == Self.undeclaredReason(platform) }
            if count > 0 { lines.append("  \(count) \(platform.sourceType) runs skipped: \(Self.undeclaredReason(platform))") }
        }
        let unexpected = classification.items.filter { $0.kind == .unexpectedFailure }
        if options.verbose {
            for item in unexpected {
                lines.append(console.paint("  \(item.verdict.outcome == .error ? "ERROR" : "FAIL") \(item.verdict.scenarioID)", 31) + ": \(item.verdict.reason ?? "")")
                if let file = item.verdict.file {
                    lines.append("    replay: \(runContext.replayCommand(ConformanceReport.relativePath(file), source: item.verdict.source))")
                }
            }
        }
        let groups = RootCauseGroup.groups(unexpected.map(\.verdict))
        if !groups.isEmpty {
            lines.append("  unexpected results by root cause (\(groups.count) \(groups.count == 1 ? "cause" : "causes"), \(unexpected.count) results\(options.verbose ? "" : "; --verbose lists each")):")
        }
        for group in groups {
            let ids = group.verdicts.prefix(5).map(\.scenarioID).joined(separator: ", ") + (group.verdicts.count > 5 ? ", +\(group.verdicts.count - 5) more" : "")
            lines.append(console.paint("  \(group.verdicts.count) × \(group.cause)", 31) + " [\(group.cause.key)]")
            lines.append("    \(ids)")
            if let mismatch = group.verdicts.first?.failure?.mismatch {
                // The cause is normalized to group results; one concrete case says what to look at.
                func clip(_ text: String) -> String { text.count <= 90 ? text : String(text.prefix(89)) + "…" }
                lines.append("    e.g. expected \(clip(mismatch.expected)), got \(clip(mismatch.actual))")
                if let clue = mismatch.clue { lines.append("    " + clue) }
            }
            if let first = group.verdicts.first, let file = first.file {
                lines.append("    replay: \(runContext.replayCommand(ConformanceReport.relativePath(file), source: first.source))")
            }
        }
        for item in classification.items(.unexpectedPass) {
            lines.append(console.paint("  unexpected pass \(item.verdict.scenarioID)", 33) + ": " + item.unexpectedPassAdvice)
        }
        for entry in classification.staleEntries {
            lines.append(console.paint("  stale expectation \(entry.scenarioID)", 33) + ": no such scenario ran")
        }
        if let run {
            if let failure = run.failure {
                let verdict = failure.violation.code == .harness ? "ERROR property checker (the kit could not judge)" : "FAIL property checker"
                lines.append(console.paint("  " + verdict, 31) + ": \(failure.violation.code)")
                let platform = failure.minimal.checkerCase.platform
                let report = failure.report { runContext.replayCommand(ConformanceReport.relativePath($0), source: platform) }
                lines += report.split(separator: "\n").map { "    " + $0 }
            } else if let setup = run.setupError {
                lines.append(console.paint("  ERROR property checker", 31) + ": \(setup)")
            } else {
                lines.append("  property checker: \(run.casesRun) cases, \(run.commandsRun) commands, invariants held")
            }
            for (id, count) in run.findingCounts.sorted(by: { $0.key < $1.key }) {
                lines.append("  finding about the spec (not a failure): \(id) x\(count)")
            }
        }
        if let unmapped = httpConfiguration?.errorNames.unmapped.all, !unmapped.isEmpty {
            lines.append("  error texts no rule of the adapter file's errors: maps (\(unmapped.count); add a rule to check their class):")
            for text in unmapped.prefix(20) { lines.append("    \"\(text.count > 120 ? String(text.prefix(120)) + "…" : text)\"") }
        }
        let failed = classification.failsRun || (run.map { !$0.passed } ?? false)
        let unexpectedPasses = classification.items(.unexpectedPass).count
        if failed {
            lines.append(console.paint("result: unexpected failures", 31))
        } else if unexpectedPasses > 0 {
            lines.append(console.paint("result: no unexpected failures (\(unexpectedPasses) unexpected pass\(unexpectedPasses == 1 ? "" : "es"): update the expectations file)", 33))
        } else {
            lines.append(console.paint("result: every result as expected", 32))
        }
        console.status(lines.joined(separator: "\n"))
    }
}

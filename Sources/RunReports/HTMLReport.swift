import ConformanceKit
import Foundation
import JUnitXML
import PropertyChecker

/// A run's results as one self-contained page for people (`Reports/index.html`), rendered from a
/// JUnit report the kit wrote: a whole run's, or shards merged with `conformance merge-reports`, so
/// a page always says what its report says, and tokens are redacted exactly as there.
///
/// It holds the header (implementation, profile, seed, kit version, date, the rerun command, the
/// totals), the spec as a grid (every clause with its level and the result of each scenario that
/// pins it), the unexpected results grouped by root cause (the failing step, expected against
/// actual, the scenario's story, a replay command), the property checker's failures with the
/// concurrent phase as a timeline with one lane per client, the findings about the spec, and what
/// was skipped and why. It loads nothing: no network, no external script, style or font; it reads
/// with JavaScript off (the one inline script only adds copy buttons).
///
/// ```swift
/// let page = HTMLReport(try JUnitReportParser.parse(path: "Reports/junit.xml")).render()
/// ```
public struct HTMLReport: Sendable {
    public let report: JUnitReport
    public let catalogue: ClauseCatalogue

    public init(_ report: JUnitReport, catalogue: ClauseCatalogue = .standard) {
        self.report = report
        self.catalogue = catalogue
    }

    /// Renders the JUnit report at `junitPath` to `htmlPath` (directories made as needed).
    public static func write(junitPath: String, to htmlPath: String) throws {
        let page = HTMLReport(try JUnitReportParser.parse(path: junitPath)).render()
        let directory = (htmlPath as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try Data(page.utf8).write(to: URL(fileURLWithPath: htmlPath))
    }

    /// A run-level property (the writer puts them on the report, the parser on the first suite).
    func property(_ name: String) -> String? {
        (report.properties + (report.suites.first?.properties ?? [])).first { $0.name == name }?.value
    }

    var cases: [JUnitCase] { report.allCases }

    /// The whole page.
    public func render() -> String {
        let implementation = property("implementation") ?? "an implementation"
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <title>Conformance: \(HTMLText.escape(implementation))</title><style>\(HTMLText.style)</style></head><body>

            """
        html += header(implementation: implementation)
        html += groups()
        html += grid()
        html += findings()
        html += skipped()
        html += "<script>\(HTMLText.script)</script>\n</body></html>\n"
        return html
    }

    func header(implementation: String) -> String {
        let counts = report.counts
        var rows: [(String, String)] = [
            ("implementation", HTMLText.escape(implementation)), ("profile", HTMLText.escape(property("profile") ?? "-")),
            ("seed", HTMLText.escape(property("run.seed") ?? "-")), ("kit version", HTMLText.escape(property("kit.version") ?? "-")),
            ("date", HTMLText.escape(report.timestamp.text)),
        ]
        if let rerun = property("rerun") { rows.append(("rerun", HTMLText.command(rerun))) }
        let passed = counts.passed
        let verdict = counts.failures + counts.errors == 0
            ? "<p class=\"pass\"><b>✓ Every result as expected.</b></p>"
            : "<p class=\"fail\"><b>✗ \(counts.failures + counts.errors) unexpected results: <a href=\"#unexpected\">see them grouped by root cause</a>.</b></p>"
        return """
            <header><h1>ExternalAssignmentSync conformance: \(HTMLText.escape(implementation))</h1>
            <p class="totals" id="totals"><span>\(counts.tests) tests</span><span class="pass">\(passed) passed</span><span class="fail">\(counts.failures) failures</span><span class="error">\(counts.errors) errors</span><span class="skip">\(counts.skipped) skipped</span></p>
            \(verdict)<nav><a href="#unexpected">unexpected results</a> · <a href="#spec-grid">the spec, clause by clause</a> · <a href="#findings">findings about the spec</a> · <a href="#skipped">skipped</a></nav>
            <table class="meta">\(rows.map { "<tr><td>\($0.0)</td><td>\($0.1)</td></tr>" }.joined())</table></header>

            """
    }

    /// How a case ended, as a CSS class and a word.
    static func result(of item: JUnitCase) -> (css: String, word: String, mark: String) {
        let result = item.properties.first { $0.name == "result" }?.value
        switch item.outcome {
        case .passed: return ("pass", result ?? "pass", "✓")
        case .failure: return ("fail", "failure", "✗")
        case .error: return ("error", "error", "!")
        case .skipped: return ("skip", result ?? "skipped", "–")
        }
    }

    /// The spec as a grid: each clause, its level, and a chip per scenario run that pins it.
    func grid() -> String {
        var byClause: [String: [JUnitCase]] = [:]
        for item in cases where item.classname.hasPrefix("scenarios.") {
            for clause in (item.properties.first { $0.name == "spec" }?.value ?? "").split(separator: " ") {
                byClause[String(clause), default: []].append(item)
            }
        }
        var html = "<section id=\"spec-grid\"><h2>The spec, clause by clause</h2><div class=\"scroll\"><table><thead><tr><th>clause</th><th>level</th><th>scenarios that pin it</th></tr></thead><tbody>\n"
        for kind in Clause.Kind.allCases {
            let clauses = catalogue.clauses.filter { $0.kind == kind }
            guard !clauses.isEmpty else { continue }
            html += "<tr><th colspan=\"3\">\(HTMLText.escape(kind.rawValue))</th></tr>\n"
            for clause in clauses {
                let runs = byClause[clause.id] ?? []
                let chips = runs.isEmpty
                    ? "<span class=\"skip\">no scenario ran</span>"
                    : runs.map { item in
                        let (css, word, mark) = Self.result(of: item)
                        return "<span class=\"chip \(css)\" title=\"\(HTMLText.escape(word))\">\(mark) \(HTMLText.escape(item.name))</span>"
                    }.joined()
                let failing = runs.contains { if case .failure = $0.outcome { true } else if case .error = $0.outcome { true } else { false } }
                let status = runs.isEmpty ? "" : failing ? " class=\"fail\"" : ""
                html += "<tr id=\"clause-\(HTMLText.anchor(clause.id))\"\(status)><td><code>\(HTMLText.escape(clause.id))</code><span class=\"clause-text\">\(HTMLText.escape(clause.text))</span></td><td>\(HTMLText.escape(clause.level.rawValue))</td><td>\(chips)</td></tr>\n"
            }
        }
        return html + "</tbody></table></div></section>\n"
    }
}

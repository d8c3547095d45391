import Foundation
import KitTestSupport
import JUnitXML
import Testing

/// Reports read by two independent JUnit consumers from PyPI (`junitparser`, `xunitparser`, pinned and
/// installed by `.ci/run`, which sets `EAS_INTEROP=1`; without it these tests are reported as skipped).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EAS_INTEROP"] == "1", "set EAS_INTEROP=1 (CI does) after `pip install junitparser==5.0.3 xunitparser==1.3.4`"))
struct ConsumerInteropTests {
    static let script: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.appendingPathComponent("Tests/Interop/junit_consumers.py").path
    }()

    static func consumers(_ arguments: [String]) throws -> (Int32, String) {
        let (status, data) = try GuardedLaunch.runToEnd("/usr/bin/env", ["python3", script] + arguments)
        return (status, String(decoding: data, as: UTF8.self))
    }

    @Test func consumersCountAReportWithEveryOutcomeHostileTextAndAMergedOne() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // Every outcome, plus hostile text in every field.
        var report = Samples.report()
        let hostile = "NUL\u{0} ESC\u{1B}[31m \u{FFFE}\u{FFFF} ]]> <&> \"quotes\" tok-secret-123 " + String(repeating: "x", count: 200_000)
        report.suites[0].cases.append(JUnitCase(
            classname: "hostile", name: hostile, time: 1, file: hostile,
            properties: [JUnitProperty(name: "p", value: hostile)], outcome: .failure(message: hostile, type: hostile, body: hostile),
            systemOut: hostile, systemErr: hostile))
        let first = directory.file("first.xml")
        try JUnitWriter.write(report, to: first, options: JUnitWriterOptions(redactor: Redactor(secrets: ["tok-secret-123"])))
        #expect(try !String(contentsOfFile: first, encoding: .utf8).contains("tok-secret-123"))
        // A second shard, and their merge.
        let second = directory.file("second.xml")
        try JUnitWriter.write(Samples.report(), to: second)
        let merged = directory.file("merged.xml")
        _ = try JUnitMerger.merge(inputs: [.path(first), .path(second)], into: merged)
        let counts = report.counts
        let (status, output) = try Self.consumers([
            first, "\(counts.tests)", "\(counts.failures)", "\(counts.errors)", "\(counts.skipped)",
            merged, "\(counts.tests + Samples.report().counts.tests)", "\(counts.failures + Samples.report().counts.failures)",
            "\(counts.errors + Samples.report().counts.errors)", "\(counts.skipped + Samples.report().counts.skipped)",
        ])
        #expect(status == 0, "\(output)")
        #expect(output.contains("junit consumers: all checks passed"), "\(output)")
    }
}

import Foundation
import JUnitXML
import Testing

@Suite struct JUnitWriterTests {
    @Test func sampleReportIsWellFormedValidAndReparses() throws {
        let bytes = try JUnitWriter.write(Samples.report(), options: .init(hostname: "host-a"))
        #expect(JUnitValidator.checkWellFormed(bytes: bytes) == [])
        #expect(JUnitValidator.validate(bytes: bytes) == [])

        let parsed = try JUnitReportParser.parse(bytes: bytes)
        #expect(parsed.counts == JUnitCounts(tests: 5, failures: 1, errors: 1, skipped: 1))
        try #require(parsed.suites.map(\.name) == ["assignments.sync", "property.idempotence", "empty"])
        try #require(parsed.suites[0].cases.count >= 4 && !parsed.suites[1].cases.isEmpty, "the sample's cases")
        #expect(parsed.suites[0].hostname == "ci-runner-7")
        #expect(parsed.suites[1].hostname == "host-a")
        #expect(parsed.suites[0].timestamp == Samples.timestamp)
        #expect(parsed.suites[0].properties == JUnitProperty.list(["kit-version": "1.2.3", "run-seed": "42", "profile": "ci"]))
        let failing = parsed.suites[0].cases[1]
        #expect(failing.outcome == .failure(
            message: "due date differs", type: "Mismatch", body: "expected: 2025-09-09\nactual:   2025-09-10"
        ))
        #expect(failing.properties == JUnitProperty.list(["case-seed": "7", "spec-clause": "§4.2"]))
        #expect(failing.systemOut == "step 1: GET /courses\nstep 2: PUT /assignments/1")
        #expect(failing.time == 1.235)
        #expect(parsed.suites[0].cases[0].file == "Scenarios/create.yaml")
        #expect(parsed.suites[0].cases[3].outcome == .skipped(message: "expected failure EXP-1"))
        #expect(parsed.suites[0].cases[3].systemErr == "warning")
        // An empty classname is written as the suite's name.
        #expect(parsed.suites[1].cases[0].classname == "property.idempotence")
    }

    @Test func rewritingAParsedReportReproducesItsBytes() throws {
        let first = try JUnitWriter.write(Samples.report(), options: .init(hostname: "h"))
        let second = try JUnitWriter.write(try JUnitReportParser.parse(bytes: first), options: .init(hostname: "other"))
        #expect(first.utf8String == second.utf8String)
    }

    @Test func countsAreComputedFromTheCases() throws {
        let report = Samples.report()
        #expect(report.suites[0].counts == JUnitCounts(tests: 4, failures: 1, errors: 1, skipped: 1))
        #expect(report.suites[0].counts.passed == 1)
        #expect(report.suites[2].counts == .zero)
        let text = try JUnitWriter.write(report).utf8String
        #expect(text.contains(#"<testsuites name="conformance" tests="5" failures="1" errors="1" time="12346.96">"#))
        #expect(text.contains(#"<testsuite name="assignments.sync" tests="4" failures="1" errors="1" skipped="1" time="1.36""#))
        #expect(text.contains(#"<testsuite name="empty" tests="0" failures="0" errors="0" skipped="0" time="0""#))
    }

    @Test func exactLayoutOfASmallReport() throws {
        let report = JUnitReport(name: "run", timestamp: Samples.timestamp, suites: [
            JUnitSuite(name: "s", cases: [
                JUnitCase(classname: "s", name: "a", time: 0.5),
                JUnitCase(classname: "s", name: "b", outcome: .failure(message: "m & <n>", body: "x > y")),
            ]),
        ])
        let text = try JUnitWriter.write(report, options: .init(hostname: "h")).utf8String
        #expect(text == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="run" tests="2" failures="1" errors="0" time="0.5">
          <testsuite name="s" tests="2" failures="1" errors="0" skipped="0" time="0.5" timestamp="2025-09-10T03:59:59Z" hostname="h">
            <testcase classname="s" name="a" time="0.5"/>
            <testcase classname="s" name="b" time="0">
              <failure message="m &amp; &lt;n&gt;">x &gt; y</failure>
            </testcase>
          </testsuite>
        </testsuites>

        """)
    }

    @Test func streamingAndInMemoryWritersProduceTheSameBytes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let options = JUnitWriterOptions(redactor: Redactor(secrets: ["secret-value"]), hostname: "h")
        var report = Samples.report()
        report.suites[0].cases[0].systemOut = String(repeating: "é€😀 secret-value ", count: 20_000)
        let path = directory.file("report.xml")
        try JUnitWriter.write(report, to: path, options: options)
        let fromFile = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let inMemory = try JUnitWriter.write(report, options: options)
        #expect(fromFile.count == inMemory.count)
        let identical = fromFile == inMemory  // compared outside #expect, which would print megabytes
        #expect(identical)
        #expect(try directory.contents() == ["report.xml"])
    }

    @Test func duplicateNamesAreMadeUniqueInOrder() throws {
        let report = JUnitReport(name: "run", suites: [
            JUnitSuite(name: "s", cases: [
                JUnitCase(classname: "c", name: "same"),
                JUnitCase(classname: "c", name: "same"),
                JUnitCase(classname: "c", name: "same #2"),
                JUnitCase(classname: "other", name: "same"),
            ]),
            JUnitSuite(name: "t", cases: [JUnitCase(classname: "c", name: "same", outcome: .failure(message: "x"))]),
        ])
        let bytes = try JUnitWriter.write(report)
        #expect(JUnitValidator.validate(bytes: bytes) == [])
        let names = try JUnitReportParser.parse(bytes: bytes).allCases.map { "\($0.classname)/\($0.name)" }
        #expect(names == ["c/same", "c/same #2", "c/same #2 #2", "other/same", "c/same #3"])
    }

    @Test func emptyNamesAreWrittenWithFallbacks() throws {
        let report = JUnitReport(name: "", suites: [
            JUnitSuite(name: "", hostname: "", properties: [JUnitProperty(name: "", value: "")], cases: [
                JUnitCase(classname: "", name: "", file: ""),
            ]),
        ])
        let bytes = try JUnitWriter.write(report)
        #expect(JUnitValidator.validate(bytes: bytes) == [])
        let parsed = try JUnitReportParser.parse(bytes: bytes)
        #expect(parsed.name == "(unnamed)")
        let suite = try #require(parsed.suites.first)
        #expect(suite.hostname == "localhost")
        #expect(suite.properties == [JUnitProperty(name: "(unnamed)", value: "")])
        let testCase = try #require(suite.cases.first)
        #expect(testCase.classname == "(unnamed)")
        #expect(testCase.name == "(unnamed)")
        #expect(testCase.file == nil)
    }

    @Test func suitePropertyNamesAreUniqueAcrossTheReport() throws {
        let report = JUnitReport(
            name: "run",
            properties: JUnitProperty.list(["run-seed": "42", "kit-version": "1.0"]),
            suites: [
                JUnitSuite(name: "a", properties: JUnitProperty.list(["area": "sync", "tag": "x", "tag": "y"])),
                JUnitSuite(name: "b", properties: JUnitProperty.list(["area": "grades", "run-seed": "42"])),
                JUnitSuite(name: "c", properties: JUnitProperty.list(["area": "sync", "area": "roster"])),
            ]
        )
        let bytes = try JUnitWriter.write(report)
        #expect(JUnitValidator.validate(bytes: bytes) == [])
        let parsed = try JUnitReportParser.parse(bytes: bytes)
        #expect(parsed.suites.map(\.properties) == [
            JUnitProperty.list(["run-seed": "42", "kit-version": "1.0", "area": "sync", "tag": "x", "tag #2": "y"]),
            JUnitProperty.list(["area #2": "grades"]),
            JUnitProperty.list(["area #3": "roster"]),
        ])
    }

    @Test func writingToAMissingDirectoryFailsWithACode() throws {
        let error = #expect(throws: JUnitXMLError.self) {
            try JUnitWriter.write(Samples.report(), to: "/nonexistent-dir-\(UUID().uuidString)/report.xml")
        }
        #expect(error?.code == .ioFailure)
    }
}

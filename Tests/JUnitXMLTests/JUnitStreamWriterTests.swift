import Foundation
import JUnitXML
import Testing

@Suite struct JUnitStreamWriterTests {
    @Test func twentyThousandCasesStreamIntoAValidReport() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.file("big.xml")
        let stream = try JUnitStreamWriter(
            path: path, name: "big", properties: JUnitProperty.list(["run-seed": "1"]),
            options: .init(hostname: "h")
        )
        var expected = JUnitCounts.zero
        for suite in 0..<7 {
            try stream.beginSuite(JUnitSuite(name: "suite-\(suite)", properties: JUnitProperty.list(["suite": "\(suite)"])))
            for index in 0..<(suite == 6 ? 2000 : 3000) {
                let outcome: JUnitCase.Outcome = switch index % 40 {
                case 0: .failure(message: "f\(index)", body: "body \u{1B}")
                case 1: .error(message: "e\(index)")
                case 2: .skipped(message: "s\(index)")
                default: .passed
                }
                expected.add(outcome)
                try stream.write(JUnitCase(classname: "c\(suite)", name: "case \(index % 2500)", time: 0.001, outcome: outcome, systemOut: "trace \(index)"))
            }
            try stream.endSuite()
        }
        #expect(FileManager.default.fileExists(atPath: path) == false)
        let counts = try stream.finish()
        #expect(counts == expected)
        #expect(counts.tests == 20_000)
        #expect(try directory.contents() == ["big.xml"])
        #expect(JUnitValidator.validate(path: path) == [])

        let parsed = try JUnitReportParser.parse(path: path)
        #expect(parsed.counts == expected)
        try #require(parsed.suites.count == 7)
        #expect(parsed.suites[0].time == 3)
        // `case 0` … `case 499` repeat within each suite of 3000 and get ` #2`.
        try #require(parsed.suites[0].cases.count > 2500, "\(parsed.suites[0].cases.count) cases in the first suite")
        #expect(parsed.suites[0].cases[2500].name == "case 0 #2")
    }

    @Test func casesInTheSuiteHeaderAndAnOpenSuiteAreWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.file("r.xml")
        let stream = try JUnitStreamWriter(path: path, name: "r")
        try stream.beginSuite(JUnitSuite(name: "s", time: 9, cases: [JUnitCase(classname: "s", name: "a")]))
        try stream.write(JUnitCase(classname: "s", name: "b", outcome: .failure(message: "x")))
        try stream.finish(time: 10)
        let parsed = try JUnitReportParser.parse(path: path)
        #expect(parsed.allCases.map(\.name) == ["a", "b"])
        #expect(try #require(parsed.suites.first).time == 9)
        #expect(parsed.time == 10)
        #expect(JUnitValidator.validate(path: path) == [])
    }

    @Test func callsOutOfOrderAreRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let stream = try JUnitStreamWriter(path: directory.file("r.xml"), name: "r")
        #expect(throws: JUnitXMLError.self) { try stream.write(JUnitCase(classname: "c", name: "n")) }
        #expect(throws: JUnitXMLError.self) { try stream.endSuite() }
        try stream.beginSuite(JUnitSuite(name: "s"))
        let nested = #expect(throws: JUnitXMLError.self) { try stream.beginSuite(JUnitSuite(name: "t")) }
        #expect(nested?.code == .invalidState)
        try stream.endSuite()
        try stream.finish()
        #expect(throws: JUnitXMLError.self) { try stream.finish() }
        #expect(throws: JUnitXMLError.self) { try stream.beginSuite(JUnitSuite(name: "late")) }
        #expect(JUnitValidator.validate(path: directory.file("r.xml")) == [])
    }

    @Test func aWriterReleasedBeforeFinishLeavesNothingBehind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        do {
            let stream = try JUnitStreamWriter(path: directory.file("r.xml"), name: "r")
            try stream.beginSuite(JUnitSuite(name: "s"))
            try stream.write(JUnitCase(classname: "c", name: "n"))
            #expect(try directory.contents().count == 2)
        }
        #expect(try directory.contents() == [])
    }

    @Test func anEmptyReportIsValid() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.file("empty.xml")
        try JUnitStreamWriter(path: path, name: "nothing").finish()
        #expect(JUnitValidator.validate(path: path) == [])
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(#"<testsuites name="nothing" tests="0" failures="0" errors="0" time="0"/>"#))
    }

    @Test func theBenchmarkHookWritesAValidReport() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.file("bench.xml")
        let result = try JUnitBenchmark.writeSynthetic(cases: 2500, to: path)
        #expect(result.seconds > 0)
        #expect(result.bytes > 2500 * 100)
        #expect(JUnitValidator.validate(path: path) == [])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("tok_live_5f9a2c7e1b"))
        #expect(try JUnitReportParser.parse(path: path).counts.tests == 2500)
    }
}

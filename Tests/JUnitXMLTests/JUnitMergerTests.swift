import Foundation
import JUnitXML
import Testing

@Suite struct JUnitMergerTests {
    static let shardA = Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="shard-a" tests="99" failures="0" errors="0" time="1">
      <testsuite name="sync" tests="99" failures="7" errors="0" skipped="0" time="1.5" timestamp="2025-09-10T03:59:59Z" hostname="runner-a">
        <properties><property name="run-seed" value="42"/><property name="shard" value="a"/></properties>
        <testcase classname="sync" name="one" time="0.5"/>
        <testcase classname="sync" name="two" time="1"><failure message="boom" type="Mismatch">expected 1</failure></testcase>
      </testsuite>
      <testsuite name="only-a" tests="1" failures="0" errors="0" skipped="0" time="0" timestamp="2025-09-10T03:59:59Z" hostname="runner-a">
        <testcase classname="only-a" name="x" time="0"><skipped message="expected failure"/></testcase>
      </testsuite>
    </testsuites>
    """.utf8)

    static let shardB = Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="shard-b">
      <testsuite name="sync" tests="0" failures="0" errors="0" time="2" timestamp="2025-09-10T04:00:30Z" hostname="runner-b">
        <properties><property name="run-seed" value="42"/><property name="shard" value="b"/></properties>
        <testcase classname="sync" name="one" time="2"><error message="crash"/></testcase>
        <testcase classname="sync" name="three" time="0"/>
      </testsuite>
    </testsuites>
    """.utf8)

    @Test func mergesSuitesRecomputesCountsAndMakesNamesUnique() throws {
        let merged = try JUnitMerger.merge(inputs: [.bytes(Self.shardA, name: "a.xml"), .bytes(Self.shardB, name: "b.xml")])
        #expect(merged.name == "shard-a")
        try #require(merged.suites.map(\.name) == ["sync", "only-a"])
        let sync = merged.suites[0]
        #expect(sync.cases.map(\.name) == ["one", "two", "one #2", "three"])
        #expect(sync.counts == JUnitCounts(tests: 4, failures: 1, errors: 1, skipped: 0))
        #expect(merged.counts == JUnitCounts(tests: 5, failures: 1, errors: 1, skipped: 1))
        #expect(sync.properties == JUnitProperty.list(["run-seed": "42", "shard": "a", "shard": "b"]))
        #expect(sync.time == 3.5)
        #expect(sync.hostname == "runner-a")
        #expect(sync.timestamp?.text == "2025-09-10T03:59:59Z")

        let bytes = try JUnitWriter.write(merged)
        #expect(JUnitValidator.validate(bytes: bytes) == [])
        #expect(bytes.utf8String.contains(#"<testsuite name="sync" tests="4" failures="1" errors="1" skipped="0" time="3.5""#))
    }

    @Test func mergeIntoAFileWritesAValidReport() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let a = directory.file("a.xml")
        let b = directory.file("b.xml")
        try Data(Self.shardA).write(to: URL(fileURLWithPath: a))
        try Data(Self.shardB).write(to: URL(fileURLWithPath: b))
        let out = directory.file("merged.xml")
        let counts = try JUnitMerger.merge(inputs: [.path(a), .path(b)], into: out, name: "all")
        #expect(counts == JUnitCounts(tests: 5, failures: 1, errors: 1, skipped: 1))
        #expect(JUnitValidator.validate(path: out) == [])
        let reparsed = try JUnitReportParser.parse(path: out)
        #expect(reparsed.name == "all")
        #expect(reparsed.counts == counts)
    }

    @Test func mergingIsIdempotentOnItsOwnOutput() throws {
        let first = try JUnitWriter.write(try JUnitMerger.merge(inputs: [.bytes(Self.shardA, name: "a"), .bytes(Self.shardB, name: "b")]))
        let again = try JUnitMerger.merge(inputs: [.bytes(first, name: "merged")])
        #expect(again.counts == JUnitCounts(tests: 5, failures: 1, errors: 1, skipped: 1))
        #expect(again.allCases.map(\.name) == ["one", "two", "one #2", "three", "x"])
    }

    @Test func readsReportsFromOtherTools() throws {
        // A single <testsuite> root, nested suites, both error and failure on one case, Surefire-style time.
        let foreign = Array("""
        <testsuite name="pytest" tests="3" errors="1" failures="1" skipped="0" time="1,234.5" timestamp="2025-09-10T03:59:59.123456+00:00">
          <testcase classname="t.mod" name="test_a" time="0.001">
            <failure message="assert 1 == 2">trace</failure>
            <error message="teardown failed">trace 2</error>
            <system-out>one</system-out><system-out>two</system-out>
          </testcase>
          <testcase name="test_b"/>
          <testsuite name="nested"><testcase classname="n" name="c"><skipped>reason text</skipped></testcase></testsuite>
        </testsuite>
        """.utf8)
        let report = try JUnitMerger.merge(inputs: [.bytes(foreign, name: "pytest.xml")])
        try #require(report.suites.map(\.name) == ["pytest", "nested"])
        try #require(report.suites[0].cases.count >= 2 && !report.suites[1].cases.isEmpty, "\(report.suites.map(\.cases.count)) cases")
        #expect(report.suites[0].time == 1234.5)
        let first = report.suites[0].cases[0]
        #expect(first.outcome == .error(message: "teardown failed", type: "", body: "trace 2"))
        #expect(first.systemOut == "one\ntwo")
        #expect(report.suites[0].cases[1].classname == "pytest")
        #expect(report.suites[1].cases[0].outcome == .skipped(message: "reason text"))
        #expect(report.counts == JUnitCounts(tests: 3, failures: 0, errors: 1, skipped: 1))
        #expect(JUnitValidator.validate(bytes: try JUnitWriter.write(report)) == [])
    }

    @Test func aMalformedShardFailsWithItsLine() throws {
        let broken = Array("<testsuites name=\"x\">\n  <testsuite name=\"s\">\n    <testcase name=\"a\">\n</testsuites>\n".utf8)
        let error = #expect(throws: JUnitXMLError.self) {
            try JUnitMerger.merge(inputs: [.bytes(Self.shardA, name: "a.xml"), .bytes(broken, name: "broken.xml")])
        }
        #expect(error?.code == .invalidXML)
        #expect(error?.file == "broken.xml")
        #expect((error?.line ?? 0) >= 4)
    }

    @Test func aDocumentThatIsNotAReportIsRejected() throws {
        let error = #expect(throws: JUnitXMLError.self) {
            try JUnitMerger.merge(inputs: [.bytes(Array("<html/>".utf8), name: "page.html")])
        }
        #expect(error?.code == .invalidReport)
    }

    @Test func aMissingFileIsAnError() throws {
        #expect(throws: JUnitXMLError.self) {
            try JUnitMerger.merge(inputs: [.path("/nonexistent-\(UUID().uuidString).xml")])
        }
    }
}

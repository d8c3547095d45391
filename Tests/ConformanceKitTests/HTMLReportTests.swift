import CLibXML2
import ConformanceKit
import Foundation
import JUnitXML
import RunReports
import Testing

/// The page for people, parsed back with libxml2's HTML parser: the grid holds every clause, the
/// groups hold the unexpected results with replay commands, a concurrent phase is a table with a
/// lane per client, hostile text stays text, nothing is loaded from anywhere, and a merged report of
/// shards gives the page of the whole run.
@Suite struct HTMLReportTests {
    /// A parsed page: every element with its attributes and text.
    struct Page {
        struct Element {
            var name: String
            var attributes: [String: String]
            var text: String
        }

        var elements: [Element] = []

        init(_ html: String) throws {
            let bytes = Array(html.utf8)
            let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
            let document = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), "page.html", "UTF-8", options) }
            }
            let parsed = try #require(document, "libxml2 could not parse the page")
            defer { xmlFreeDoc(parsed) }
            walk(xmlDocGetRootElement(parsed))
        }

        mutating func walk(_ node: xmlNodePtr?) {
            var current = node
            while let node = current {
                if node.pointee.type == XML_ELEMENT_NODE {
                    var attributes: [String: String] = [:]
                    var attribute = node.pointee.properties
                    while let property = attribute {
                        let name = String(cString: property.pointee.name)
                        if let value = xmlGetProp(node, property.pointee.name) {
                            attributes[name] = String(cString: value)
                            clibxml2_free(value)
                        }
                        attribute = property.pointee.next
                    }
                    var text = ""
                    if let content = xmlNodeGetContent(node) {
                        text = String(cString: content)
                        clibxml2_free(content)
                    }
                    elements.append(Element(name: String(cString: node.pointee.name), attributes: attributes, text: text))
                }
                walk(node.pointee.children)
                current = node.pointee.next
            }
        }

        func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }
        func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    }

    static func property(_ name: String, _ value: String) -> JUnitProperty { JUnitProperty(name: name, value: value) }

    /// A report as a failing run writes it: run properties, a passing and a failing scenario, a
    /// failing checker case with a concurrent phase and a finding, a skipped case.
    static func report(hostile: String = "<script>alert('x')</script> & \"q\"") -> JUnitReport {
        let passing = JUnitCase(
            classname: "scenarios.connect", name: "connect.duplicate-name",
            properties: [property("spec", "connectSource.error.DuplicateSourceError connectSource.requires.unique-name"), property("result", "expected-pass")])
        let failing = JUnitCase(
            classname: "scenarios.connect", name: "connect.concurrent-same-name",
            properties: [
                property("spec", "interp.concurrent-calls connectSource.requires.unique-name"), property("result", "unexpected-failure"),
                property("root.cause", "rc-12345678"), property("root.cause.signature", "FAIL _getSourcesForUser at sources " + hostile),
                property("replay", "conformance replay --seed 7 Scenarios/connect/connect-concurrent-same-name.yaml"),
            ],
            outcome: .failure(message: "step 2: sources " + hostile, type: "mismatch", body: "expected: a set of 1 element\nactual:   3 elements"),
            systemOut: "1. concurrently … [ok]\n2. _getSourcesForUser … [FAILED]")
        let history = "1 cmd concurrently(…)\n1 concurrent [client 1 @1-4] connectSource(owner: ada, sourceName: \"Canvas\") -> {sourceAccount: \"source-1\"} | [client 2 @2-3] connectSource(owner: ada, sourceName: \"Canvas\") -> {sourceAccount: \"source-2\"}"
        let checker = JUnitCase(
            classname: "properties.checker", name: "case 3 (Canvas)",
            properties: [property("finding", "spec.orphaned-mappings"), property("replay", "conformance replay Reports/failures/checker.not-linearizable.1.yaml")],
            outcome: .failure(message: "not-linearizable: shrunk to 1 commands", type: "not-linearizable", body: "FAILURE …"), systemOut: history)
        let skipped = JUnitCase(classname: "properties.checker", name: "case 4 (Canvas)", outcome: .skipped(message: "not run: the checker stops at its first failure (case 3)"))
        let scenarios = JUnitSuite(
            name: "scenarios.connect",
            properties: [property("implementation", "http://127.0.0.1:8000/api (strict)"), property("profile", "strict"), property("run.seed", "7"),
                property("kit.version", "0.1.0"), property("rerun", "conformance run --seed 7 --sut http://127.0.0.1:8000/api")],
            cases: [passing, failing])
        return JUnitReport(name: "ExternalAssignmentSync conformance", timestamp: JUnitTimestamp(iso8601: "2026-12-05T12:00:00Z")!, suites: [
            scenarios, JUnitSuite(name: "properties", cases: [checker, skipped]),
        ])
    }

    @Test func theGridTheGroupsAndTheTimelineAreThere() throws {
        let html = HTMLReport(Self.report()).render()
        let page = try Page(html)
        let rows = page.named("tr").filter { $0.attributes["id"]?.hasPrefix("clause-") ?? false }
        #expect(rows.count == ClauseCatalogue.standard.clauses.count, "one row per clause of the catalogue")
        let concurrent = try #require(page.element(id: "clause-interp-concurrent-calls"))
        #expect(concurrent.text.contains("connect.concurrent-same-name"))
        #expect(concurrent.attributes["class"] == "fail", "a clause with a failing scenario is marked")
        let group = try #require(page.element(id: "cause-1"), "the biggest root-cause group first")
        #expect(group.text.contains("connect.concurrent-same-name") || page.element(id: "cause-2")?.text.contains("connect.concurrent-same-name") == true)
        #expect(page.named("code").contains { $0.text == "conformance replay --seed 7 Scenarios/connect/connect-concurrent-same-name.yaml" })
        #expect(page.named("button").contains { $0.attributes["data-copy"]?.hasPrefix("conformance replay") ?? false }, "a copy button per replay")
        let timeline = try #require(page.named("table").first { $0.attributes["class"] == "timeline" })
        #expect(timeline.text.contains("client 1") && timeline.text.contains("client 2"), "one lane per client")
        #expect(try #require(page.element(id: "totals")).text.contains("4 tests"))
        #expect(try #require(page.element(id: "findings")).text.contains("spec.orphaned-mappings"))
        #expect(try #require(page.element(id: "skipped")).text.contains("the checker stops at its first failure"))
    }

    @Test func hostileTextStaysTextAndNothingIsLoaded() throws {
        let html = HTMLReport(Self.report()).render()
        let page = try Page(html)
        #expect(page.named("script").count == 1, "only the page's own script")
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        for element in page.elements {
            for attribute in ["src", "href", "action", "srcset"] {
                guard let value = element.attributes[attribute] else { continue }
                #expect(value.hasPrefix("#"), "\(element.name) \(attribute)=\(value) would load something")
            }
        }
        #expect(page.named("link").isEmpty && page.named("img").isEmpty && page.named("iframe").isEmpty)
        #expect(html.contains("Content-Security-Policy"), "the page forbids loads even if a string slipped through")
    }

    @Test func aMergedShardReportGivesTheWholeRunsCounts() throws {
        let whole = Self.report()
        let first = JUnitReport(name: whole.name, timestamp: whole.timestamp, suites: [whole.suites[0]])
        let second = JUnitReport(name: whole.name, timestamp: whole.timestamp, suites: [whole.suites[1]])
        let merged = JUnitMerger.merge([first, second], name: whole.name)
        let wholeTotals = try #require(try Page(HTMLReport(whole).render()).element(id: "totals")).text
        let mergedTotals = try #require(try Page(HTMLReport(merged).render()).element(id: "totals")).text
        #expect(wholeTotals == mergedTotals)
    }

    @Test func aPassingRunSaysSo() throws {
        var report = Self.report()
        report.suites = [JUnitSuite(name: "scenarios.connect", properties: report.suites[0].properties, cases: [report.suites[0].cases[0]])]
        let page = try Page(HTMLReport(report).render())
        #expect(try #require(page.element(id: "unexpected")).text.contains("None"))
    }
}

import CLibXML2

/// Reads JUnit XML written by this library or by other tools into a ``JUnitReport``.
///
/// Accepts a `<testsuites>` root (nested `<testsuite>` elements are flattened into separate suites in
/// document order) or a single `<testsuite>` root. Per case the outcome is the first `<error>`, else the
/// first `<failure>`, else `<skipped>` (a case with both an error and a failure counts once, as an
/// error); several `<system-out>` or `<system-err>` elements are joined with newlines. Suite-level
/// `<system-out>`/`<system-err>` and attributes outside the model are dropped. Unparseable `time` values
/// read as 0 and unrecognised timestamps as absent. Report-level properties come back as properties of
/// the first suite, since that is where the writer puts them.
public enum JUnitReportParser {
    /// Parses the report file at `path`.
    public static func parse(path: String) throws -> JUnitReport {
        try parse(file: path) { xmlReadFile(path, nil, JUnitValidator.parseOptions) }
    }

    /// Parses report bytes; `name` is used in error locations.
    public static func parse(bytes: [UInt8], name: String = "report.xml") throws -> JUnitReport {
        try bytes.withUnsafeBufferPointer { buffer in
            try parse(file: name) {
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlReadMemory(chars.baseAddress, Int32(chars.count), name, nil, JUnitValidator.parseOptions)
                }
            }
        }
    }

    private static func parse(file: String, read: () -> xmlDocPtr?) throws -> JUnitReport {
        let collector = LibXMLErrorCollector(otherErrors: .invalidXML, file: file)
        let document = LibXMLGlobalErrors.capture(into: collector, read)
        guard let document else {
            throw collector.errors.first
                ?? JUnitXMLError(code: .invalidXML, message: "the document could not be parsed", file: file)
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw JUnitXMLError(code: .invalidReport, message: "the document has no root element", file: file)
        }
        let reader = TreeReader(file: file)
        switch reader.name(of: root) {
        case "testsuites":
            var suites: [JUnitSuite] = []
            for child in reader.elements(in: root, named: "testsuite") {
                reader.appendSuites(from: child, to: &suites)
            }
            let name = reader.attribute(root, "name") ?? ""
            let time = reader.attribute(root, "time").flatMap(JUnitTimeFormat.seconds(from:))
            let timestamp = reader.attribute(root, "timestamp").flatMap(JUnitTimestamp.init(iso8601:))
                ?? suites.lazy.compactMap(\.timestamp).first ?? .now()
            return JUnitReport(name: name, timestamp: timestamp, time: time, suites: suites)
        case "testsuite":
            var suites: [JUnitSuite] = []
            reader.appendSuites(from: root, to: &suites)
            let timestamp = suites.lazy.compactMap(\.timestamp).first ?? .now()
            return JUnitReport(name: suites.first?.name ?? "", timestamp: timestamp, suites: suites)
        case let other:
            throw JUnitXMLError(
                code: .invalidReport,
                message: "root element is <\(other)>, expected <testsuites> or <testsuite>",
                line: reader.line(of: root),
                file: file
            )
        }
    }
}

/// Helpers for walking a libxml2 tree; every returned string is copied and every libxml2 allocation
/// is freed before returning.
private struct TreeReader {
    let file: String

    func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    func line(of node: xmlNodePtr) -> Int? {
        let number = xmlGetLineNo(node)
        return number > 0 ? Int(number) : nil
    }

    func elements(in parent: xmlNodePtr, named wanted: String? = nil) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = parent.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, wanted == nil || name(of: node) == wanted {
                result.append(node)
            }
            child = node.pointee.next
        }
        return result
    }

    func attribute(_ node: xmlNodePtr, _ attributeName: String) -> String? {
        guard let value = xmlGetProp(node, attributeName) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { clibxml2_free(content) }
        return String(cString: content)
    }

    /// Appends `node` as a suite, then its nested suites, in document order.
    func appendSuites(from node: xmlNodePtr, to suites: inout [JUnitSuite]) {
        var suite = JUnitSuite(
            name: attribute(node, "name") ?? "",
            timestamp: attribute(node, "timestamp").flatMap(JUnitTimestamp.init(iso8601:)),
            hostname: attribute(node, "hostname").flatMap { $0.isEmpty ? nil : $0 },
            time: attribute(node, "time").flatMap(JUnitTimeFormat.seconds(from:))
        )
        var nested: [xmlNodePtr] = []
        for child in elements(in: node) {
            switch name(of: child) {
            case "properties": suite.properties += properties(in: child)
            case "testcase": suite.cases.append(testCase(child))
            case "testsuite": nested.append(child)
            default: break
            }
        }
        suites.append(suite)
        for child in nested {
            appendSuites(from: child, to: &suites)
        }
    }

    private func properties(in node: xmlNodePtr) -> [JUnitProperty] {
        elements(in: node, named: "property").map { property in
            JUnitProperty(
                name: attribute(property, "name") ?? "",
                value: attribute(property, "value") ?? text(property)
            )
        }
    }

    private func testCase(_ node: xmlNodePtr) -> JUnitCase {
        var result = JUnitCase(
            classname: attribute(node, "classname") ?? "",
            name: attribute(node, "name") ?? "",
            time: attribute(node, "time").flatMap(JUnitTimeFormat.seconds(from:)) ?? 0,
            file: attribute(node, "file")
        )
        var error: JUnitCase.Outcome?
        var failure: JUnitCase.Outcome?
        var skipped: JUnitCase.Outcome?
        var output: [String] = []
        var errorOutput: [String] = []
        for child in elements(in: node) {
            switch name(of: child) {
            case "properties":
                result.properties += properties(in: child)
            case "error" where error == nil:
                error = .error(message: attribute(child, "message") ?? "", type: attribute(child, "type") ?? "", body: text(child))
            case "failure" where failure == nil:
                failure = .failure(message: attribute(child, "message") ?? "", type: attribute(child, "type") ?? "", body: text(child))
            case "skipped" where skipped == nil:
                skipped = .skipped(message: attribute(child, "message") ?? text(child))
            case "system-out":
                output.append(text(child))
            case "system-err":
                errorOutput.append(text(child))
            default:
                break
            }
        }
        result.outcome = error ?? failure ?? skipped ?? .passed
        result.systemOut = output.isEmpty ? nil : output.joined(separator: "\n")
        result.systemErr = errorOutput.isEmpty ? nil : errorOutput.joined(separator: "\n")
        return result
    }
}

import CLibXML2

/// Checks, node by node from an `xmlTextReader`, what the schema cannot: declared counts equal the
/// cases, `classname` + `name` pairs are unique, and suite-level property names are unique in the report. Memory: one digest per case (see
/// ``CaseNameRegistry``'s trade-off).
struct ReportConsistencyChecker {
    private struct Scope {
        let element: String
        let line: Int?
        let declared: [String: Int]
        var actual = JUnitCounts.zero
    }

    private let file: String
    private var report: Scope?
    private var suite: Scope?
    private var caseOpen = false
    private var suitePropertiesOpen = false
    private var seen: Set<Int> = []
    private var suitePropertyNames: Set<String> = []
    private(set) var errors: [JUnitXMLError] = []

    init(file: String) {
        self.file = file
    }

    mutating func observe(_ reader: xmlTextReaderPtr) {
        let type = xmlTextReaderNodeType(reader)
        let depth = xmlTextReaderDepth(reader)
        guard let namePointer = xmlTextReaderConstLocalName(reader) else { return }
        let name = String(cString: namePointer)
        if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
            let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
            startElement(name, depth: depth, reader: reader)
            if isEmpty { endElement(name, depth: depth) }
        } else if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) {
            endElement(name, depth: depth)
        }
    }

    private mutating func startElement(_ name: String, depth: Int32, reader: xmlTextReaderPtr) {
        switch (depth, name) {
        case (0, "testsuites"):
            report = Scope(element: name, line: line(reader), declared: counts(reader, ["tests", "failures", "errors"]))
        case (1, "testsuite"):
            suite = Scope(
                element: name,
                line: line(reader),
                declared: counts(reader, ["tests", "failures", "errors", "skipped"])
            )
        case (2, "testcase"):
            caseOpen = true
            record(.passed)
            let classname = attribute(reader, "classname") ?? ""
            let caseName = attribute(reader, "name") ?? ""
            var hasher = Hasher()
            hasher.combine(classname)
            hasher.combine(caseName)
            if !seen.insert(hasher.finalize()).inserted {
                errors.append(JUnitXMLError(
                    code: .duplicateCase,
                    message: "duplicate test case classname='\(classname)' name='\(caseName)'",
                    line: line(reader),
                    file: file
                ))
            }
        case (2, "properties"):
            suitePropertiesOpen = true
        case (3, "property") where suitePropertiesOpen:
            let propertyName = attribute(reader, "name") ?? ""
            if !suitePropertyNames.insert(propertyName).inserted {
                errors.append(JUnitXMLError(
                    code: .duplicateProperty,
                    message: "suite property '\(propertyName)' is already defined in this report",
                    line: line(reader),
                    file: file
                ))
            }
        case (3, "failure") where caseOpen:
            adjust { $0.failures += 1 }
        case (3, "error") where caseOpen:
            adjust { $0.errors += 1 }
        case (3, "skipped") where caseOpen:
            adjust { $0.skipped += 1 }
        default:
            break
        }
    }

    private mutating func endElement(_ name: String, depth: Int32) {
        switch (depth, name) {
        case (2, "testcase"):
            caseOpen = false
        case (2, "properties"):
            suitePropertiesOpen = false
        case (1, "testsuite"):
            if let suite { compare(suite) }
            suite = nil
        case (0, "testsuites"):
            if let report { compare(report) }
            report = nil
        default:
            break
        }
    }

    private mutating func record(_ outcome: JUnitCase.Outcome) {
        suite?.actual.add(outcome)
        report?.actual.add(outcome)
    }

    private mutating func adjust(_ change: (inout JUnitCounts) -> Void) {
        if suite != nil { change(&suite!.actual) }
        if report != nil { change(&report!.actual) }
    }

    private mutating func compare(_ scope: Scope) {
        let actual: [String: Int] = [
            "tests": scope.actual.tests, "failures": scope.actual.failures,
            "errors": scope.actual.errors, "skipped": scope.actual.skipped,
        ]
        for key in ["tests", "failures", "errors", "skipped"] {
            guard let declared = scope.declared[key], let counted = actual[key], declared != counted else { continue }
            errors.append(JUnitXMLError(
                code: .countMismatch,
                message: "<\(scope.element)> declares \(key)=\"\(declared)\" but contains \(counted)",
                line: scope.line,
                file: file
            ))
        }
    }

    private func counts(_ reader: xmlTextReaderPtr, _ names: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for name in names {
            if let text = attribute(reader, name), let value = Int(text) { result[name] = value }
        }
        return result
    }

    private func attribute(_ reader: xmlTextReaderPtr, _ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    private func line(_ reader: xmlTextReaderPtr) -> Int? {
        guard let node = xmlTextReaderCurrentNode(reader) else { return nil }
        let number = xmlGetLineNo(node)
        return number > 0 ? Int(number) : nil
    }
}

/// Writes the elements of the report format onto an ``XMLTextWriter``; shared by ``JUnitWriter`` and
/// ``JUnitStreamWriter`` so both produce identical bytes for the same report.
///
/// Every value goes through the ``JUnitTextCleaner``. Layout: one element per line, two spaces of
/// indentation per level, text-only elements on one line.
struct JUnitXMLEmitter {
    let cleaner: JUnitTextCleaner

    /// The report-level values every suite inherits.
    struct ReportHeader {
        let timestamp: JUnitTimestamp
        let properties: [JUnitProperty]
        let hostname: String
    }

    /// Writes the XML declaration and the `<testsuites>` start tag with its attributes.
    func startReport(_ writer: XMLTextWriter, name: String, counts: JUnitCounts, time: Double) throws {
        try writer.startDocument()
        try writer.startElement("testsuites")
        try writer.attribute("name", cleaner.safeName(name))
        try writer.attribute("tests", XMLSafeText(count: counts.tests))
        try writer.attribute("failures", XMLSafeText(count: counts.failures))
        try writer.attribute("errors", XMLSafeText(count: counts.errors))
        try writer.attribute("time", XMLSafeText(seconds: time))
    }

    /// Closes `<testsuites>` and the document.
    func endReport(_ writer: XMLTextWriter, hasSuites: Bool) throws {
        if hasSuites { try writer.newline(depth: 0) }
        try writer.endElement()
        try writer.endDocument()
    }

    /// Writes a `<testsuite>` start tag and its `<properties>` (report-level first, then the suite's,
    /// filtered by `properties`; see ``SuitePropertyRegistry``). Returns whether a child element was written.
    func startSuite(
        _ writer: XMLTextWriter,
        _ suite: JUnitSuite,
        report: ReportHeader,
        counts: JUnitCounts,
        time: Double,
        properties registry: inout SuitePropertyRegistry
    ) throws -> Bool {
        try writer.newline(depth: 1)
        try writer.startElement("testsuite")
        try writer.attribute("name", cleaner.safeName(suite.name))
        try writer.attribute("tests", XMLSafeText(count: counts.tests))
        try writer.attribute("failures", XMLSafeText(count: counts.failures))
        try writer.attribute("errors", XMLSafeText(count: counts.errors))
        try writer.attribute("skipped", XMLSafeText(count: counts.skipped))
        try writer.attribute("time", XMLSafeText(seconds: time))
        try writer.attribute("timestamp", XMLSafeText(timestamp: suite.timestamp ?? report.timestamp))
        try writer.attribute("hostname", cleaner.safeName(suite.hostname ?? report.hostname, fallback: "localhost"))
        let cleaned = (report.properties + suite.properties).map(cleaner.safe)
        return try writeProperties(writer, registry.admit(cleaned), depth: 2)
    }

    /// Closes a `<testsuite>`.
    func endSuite(_ writer: XMLTextWriter, hasChildren: Bool) throws {
        if hasChildren { try writer.newline(depth: 1) }
        try writer.endElement()
    }

    /// The classname and name a case is written with: cleaned, never empty, unique in `registry`.
    func identity(
        of testCase: JUnitCase,
        suiteName: String,
        registry: inout CaseNameRegistry
    ) -> (classname: XMLSafeText, name: XMLSafeText) {
        let suiteFallback = cleaner.safeName(suiteName).string
        let classname = cleaner.safeName(testCase.classname, fallback: suiteFallback)
        let name = cleaner.safeName(testCase.name)
        let suffix = registry.register(classname: classname.string, name: name.string)
        return (classname, suffix.map(name.withSuffix) ?? name)
    }

    /// Writes one `<testcase>` at depth 2.
    func writeCase(
        _ writer: XMLTextWriter,
        _ testCase: JUnitCase,
        identity: (classname: XMLSafeText, name: XMLSafeText)
    ) throws {
        try writer.newline(depth: 2)
        try writer.startElement("testcase")
        try writer.attribute("classname", identity.classname)
        try writer.attribute("name", identity.name)
        try writer.attribute("time", XMLSafeText(seconds: testCase.time))
        if let file = testCase.file, !file.isEmpty {
            try writer.attribute("file", cleaner.safe(file, as: .attribute))
        }
        var hasChildren = try writeProperties(writer, testCase.properties.map(cleaner.safe), depth: 3)
        hasChildren = try writeOutcome(writer, testCase.outcome) || hasChildren
        hasChildren = try writeText(writer, "system-out", testCase.systemOut) || hasChildren
        hasChildren = try writeText(writer, "system-err", testCase.systemErr) || hasChildren
        if hasChildren { try writer.newline(depth: 2) }
        try writer.endElement()
    }

    private func writeOutcome(_ writer: XMLTextWriter, _ outcome: JUnitCase.Outcome) throws -> Bool {
        switch outcome {
        case .passed:
            return false
        case .skipped(let message):
            try writer.newline(depth: 3)
            try writer.startElement("skipped")
            try writer.attribute("message", cleaner.safe(message, as: .attribute))
            try writer.endElement()
        case .failure(let message, let type, let body):
            try writeProblem(writer, "failure", message: message, type: type, body: body)
        case .error(let message, let type, let body):
            try writeProblem(writer, "error", message: message, type: type, body: body)
        }
        return true
    }

    private func writeProblem(
        _ writer: XMLTextWriter,
        _ element: StaticString,
        message: String,
        type: String,
        body: String
    ) throws {
        try writer.newline(depth: 3)
        try writer.startElement(element)
        try writer.attribute("message", cleaner.safe(message, as: .attribute))
        let cleanType = cleaner.safe(type, as: .attribute)
        if !cleanType.string.isEmpty { try writer.attribute("type", cleanType) }
        let cleanBody = cleaner.safe(body, as: .body)
        if !cleanBody.string.isEmpty { try writer.text(cleanBody) }
        try writer.endElement()
    }

    private func writeText(_ writer: XMLTextWriter, _ element: StaticString, _ text: String?) throws -> Bool {
        guard let text else { return false }
        try writer.newline(depth: 3)
        try writer.startElement(element)
        let clean = cleaner.safe(text, as: .output)
        if !clean.string.isEmpty { try writer.text(clean) }
        try writer.endElement()
        return true
    }

    /// Writes `<properties>` with one `<property>` per entry at `depth`; nothing when `properties` is empty.
    private func writeProperties(_ writer: XMLTextWriter, _ properties: [CleanProperty], depth: Int) throws -> Bool {
        guard !properties.isEmpty else { return false }
        try writer.newline(depth: depth)
        try writer.startElement("properties")
        for property in properties {
            try writer.newline(depth: depth + 1)
            try writer.startElement("property")
            try writer.attribute("name", property.name)
            try writer.attribute("value", property.value)
            try writer.endElement()
        }
        try writer.newline(depth: depth)
        try writer.endElement()
        return true
    }
}

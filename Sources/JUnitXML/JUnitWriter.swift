/// Writes a whole ``JUnitReport`` held in memory.
///
/// For reports built case by case, or too large to hold, use ``JUnitStreamWriter``; both produce the
/// same bytes for the same report and options. Output is UTF-8 with an XML declaration, one element per
/// line, and conforms to ``JUnitSchema/xsd``.
public enum JUnitWriter {
    /// The report as XML bytes.
    public static func write(_ report: JUnitReport, options: JUnitWriterOptions = .init()) throws -> [UInt8] {
        let writer = try XMLTextWriter()
        let emitter = JUnitXMLEmitter(cleaner: options.cleaner)
        let header = JUnitXMLEmitter.ReportHeader(
            timestamp: report.timestamp,
            properties: report.properties,
            hostname: options.resolvedHostname
        )
        var registry = CaseNameRegistry()
        var suiteProperties = SuitePropertyRegistry()
        try emitter.startReport(writer, name: report.name, counts: report.counts, time: report.effectiveTime)
        for suite in report.suites {
            var hasChildren = try emitter.startSuite(
                writer, suite, report: header, counts: suite.counts, time: suite.effectiveTime,
                properties: &suiteProperties
            )
            for testCase in suite.cases {
                let identity = emitter.identity(of: testCase, suiteName: suite.name, registry: &registry)
                try emitter.writeCase(writer, testCase, identity: identity)
                hasChildren = true
            }
            try emitter.endSuite(writer, hasChildren: hasChildren)
        }
        try emitter.endReport(writer, hasSuites: !report.suites.isEmpty)
        return try writer.contents()
    }

    /// Writes the report to `path` through ``JUnitStreamWriter`` (atomically: the file appears complete
    /// or not at all).
    public static func write(_ report: JUnitReport, to path: String, options: JUnitWriterOptions = .init()) throws {
        let stream = try JUnitStreamWriter(
            path: path,
            name: report.name,
            timestamp: report.timestamp,
            properties: report.properties,
            options: options
        )
        for suite in report.suites {
            try stream.write(suite)
        }
        try stream.finish(time: report.time)
    }
}

import Foundation

/// Writes a report case by case, with memory that does not grow with the number of cases.
///
/// ```swift
/// let stream = try JUnitStreamWriter(path: "report.xml", name: "conformance", properties: runProperties)
/// try stream.beginSuite(JUnitSuite(name: "assignments.sync"))
/// for result in results { try stream.write(result.junitCase) }
/// try stream.endSuite()
/// let counts = try stream.finish()
/// ```
///
/// **Counts on opening tags.** `tests`, `failures`, `errors`, `skipped` and `time` sit on the
/// `<testsuite>` and `<testsuites>` start tags, which are due before the cases are known. The writer
/// therefore writes in three layers of files, each through its own libxml2 writer (the temporary files
/// are fragments that begin with an XML declaration, which splicing skips):
/// 1. the current suite's cases go to a temporary *cases* file while their counts are summed;
/// 2. `endSuite()` writes the `<testsuite …counts…>` start tag and properties to a temporary *suites*
///    file, copies the cases file in after it (64 KiB at a time, raw), and closes the element;
/// 3. `finish()` writes the declaration and `<testsuites …totals…>` to `<path>.tmp-<uuid>`, copies the
///    suites file in, closes the document, and renames the result onto `path`.
///
/// Each case is written twice more as bytes (about 3× the report size in I/O), and memory holds one
/// case, libxml2's output buffers, and a 64-bit digest per case for unique `classname` + `name`
/// (about 16 bytes per case, 1.6 MB for 100,000 cases; a digest collision could only add a needless
/// ` #2`). Temporary files live next to `path` and are removed
/// by `finish()` or when the writer is released; a writer released before `finish()` leaves no report.
///
/// Not `Sendable`: use one writer from one task.
public final class JUnitStreamWriter {
    private let destination: String
    private let partialPath: String
    private let suitesPath: String
    private let casesPath: String
    private let emitter: JUnitXMLEmitter
    private let reportName: String
    private let header: JUnitXMLEmitter.ReportHeader
    private var registry = CaseNameRegistry()
    private var suiteProperties = SuitePropertyRegistry()

    private var suitesWriter: XMLTextWriter?
    private var casesWriter: XMLTextWriter?
    private var openSuite: JUnitSuite?
    private var suiteCounts = JUnitCounts.zero
    private var suiteCaseTime: Double = 0
    private var suitesTime: Double = 0
    private var suiteCount = 0
    private var isFinished = false

    /// Totals of the suites closed so far.
    public private(set) var counts = JUnitCounts.zero

    /// Prepares to write the report to `path`; nothing appears at `path` until ``finish(time:)``.
    ///
    /// `timestamp` is the default for suites without one; `properties` are the run-level properties,
    /// written once in the first suite (see ``JUnitReport`` for why).
    public init(
        path: String,
        name: String,
        timestamp: JUnitTimestamp = .now(),
        properties: [JUnitProperty] = [],
        options: JUnitWriterOptions = .init()
    ) throws {
        destination = path
        let unique = UUID().uuidString
        partialPath = "\(path).tmp-\(unique)"
        suitesPath = "\(path).tmp-\(unique)-suites"
        casesPath = "\(path).tmp-\(unique)-cases"
        emitter = JUnitXMLEmitter(cleaner: options.cleaner)
        reportName = name
        header = JUnitXMLEmitter.ReportHeader(
            timestamp: timestamp,
            properties: properties,
            hostname: options.resolvedHostname
        )
        let suitesWriter = try XMLTextWriter(path: suitesPath)
        try suitesWriter.startFragment()
        self.suitesWriter = suitesWriter
    }

    deinit {
        casesWriter = nil
        suitesWriter = nil
        for path in [casesPath, suitesPath, partialPath] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Opens a suite. Any cases already in `suite.cases` are written at once; `suite.time`, when set,
    /// is used unless ``endSuite(time:)`` gives one.
    public func beginSuite(_ suite: JUnitSuite) throws {
        guard !isFinished else { throw stateError("beginSuite after finish") }
        guard openSuite == nil else { throw stateError("beginSuite while suite '\(openSuite?.name ?? "")' is open") }
        let casesWriter = try XMLTextWriter(path: casesPath)
        try casesWriter.startFragment()
        self.casesWriter = casesWriter
        var headerOnly = suite
        headerOnly.cases = []
        openSuite = headerOnly
        suiteCounts = .zero
        suiteCaseTime = 0
        for testCase in suite.cases {
            try write(testCase)
        }
    }

    /// Writes one case into the open suite.
    public func write(_ testCase: JUnitCase) throws {
        guard let suite = openSuite, let casesWriter else { throw stateError("write(case) outside a suite") }
        let identity = emitter.identity(of: testCase, suiteName: suite.name, registry: &registry)
        try emitter.writeCase(casesWriter, testCase, identity: identity)
        suiteCounts.add(testCase.outcome)
        if testCase.time.isFinite, testCase.time > 0 { suiteCaseTime += testCase.time }
    }

    /// Closes the open suite; `time` defaults to the suite's own `time`, then to the sum of its cases.
    public func endSuite(time: Double? = nil) throws {
        guard let suite = openSuite, let casesWriter, let suitesWriter else {
            throw stateError("endSuite without an open suite")
        }
        try casesWriter.close()
        self.casesWriter = nil
        let suiteTime = time ?? suite.time ?? suiteCaseTime
        var hasChildren = try emitter.startSuite(
            suitesWriter, suite, report: header, counts: suiteCounts, time: suiteTime,
            properties: &suiteProperties
        )
        hasChildren = try FileSplicer.splice(fragment: casesPath, into: suitesWriter) || hasChildren
        try emitter.endSuite(suitesWriter, hasChildren: hasChildren)
        counts += suiteCounts
        suitesTime += max(0, suiteTime.isFinite ? suiteTime : 0)
        suiteCount += 1
        openSuite = nil
    }

    /// Writes a whole suite: ``beginSuite(_:)`` with its cases, then ``endSuite(time:)``.
    public func write(_ suite: JUnitSuite) throws {
        try beginSuite(suite)
        try endSuite()
    }

    /// Completes the report at `path` and returns its totals; `time` defaults to the sum of the suites'
    /// times. A suite still open is closed first.
    @discardableResult
    public func finish(time: Double? = nil) throws -> JUnitCounts {
        guard !isFinished else { throw stateError("finish called twice") }
        if openSuite != nil { try endSuite() }
        guard let suitesWriter else { throw stateError("the suites file is closed") }
        try suitesWriter.close()
        self.suitesWriter = nil
        isFinished = true

        let output = try XMLTextWriter(path: partialPath)
        try emitter.startReport(output, name: reportName, counts: counts, time: time ?? suitesTime)
        _ = try FileSplicer.splice(fragment: suitesPath, into: output)
        try emitter.endReport(output, hasSuites: suiteCount > 0)
        try output.close()
        guard rename(partialPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            throw JUnitXMLError(code: .ioFailure, message: "cannot move report into place: \(reason)", file: destination)
        }
        for path in [casesPath, suitesPath] {
            try? FileManager.default.removeItem(atPath: path)
        }
        return counts
    }

    private func stateError(_ message: String) -> JUnitXMLError {
        JUnitXMLError(code: .invalidState, message: message, file: destination)
    }
}

/// Merges shard reports into one (`conformance merge-reports OUT IN...`).
///
/// - Suites with the same name are merged into one, in order of first appearance; their cases are
///   concatenated in input order, their properties are the ordered union (an exact repeat of a
///   `name`/`value` pair is kept once), `time` is the sum, and `timestamp`/`hostname` come from the
///   first shard that has them.
/// - Counts are always recomputed from the cases (the model never stores them).
/// - An empty `classname` becomes the suite's name (as the writer would write it), then duplicate
///   `classname` + `name` pairs are made unique: the first keeps its name, later ones get ` #2`, ` #3`, ….
/// - The report's name is `name`, else the first input's; its timestamp is the first input's; its
///   `time` is left to be recomputed as the sum of the suites (shards that ran in parallel therefore
///   report total test time, not wall time); report-level properties are the ordered union.
/// - When written, the run properties every shard carries (same name and value) appear once, and a
///   suite-level name with differing values becomes `name #2` (see ``JUnitReport``).
///
/// Merging holds all cases in memory (shard reports are read whole with libxml2's tree API).
public enum JUnitMerger {
    /// A shard report to merge.
    public enum Input: Sendable, Hashable {
        /// A report file.
        case path(String)
        /// Report bytes, with a name for error messages.
        case bytes([UInt8], name: String)
    }

    /// Parses every input with libxml2 and merges the reports.
    public static func merge(inputs: [Input], name: String? = nil) throws -> JUnitReport {
        let reports = try inputs.map { input in
            switch input {
            case .path(let path): try JUnitReportParser.parse(path: path)
            case .bytes(let bytes, let name): try JUnitReportParser.parse(bytes: bytes, name: name)
            }
        }
        return merge(reports, name: name)
    }

    /// Merges the inputs and writes the result to `output` (atomically); returns the merged counts.
    @discardableResult
    public static func merge(
        inputs: [Input],
        into output: String,
        name: String? = nil,
        options: JUnitWriterOptions = .init()
    ) throws -> JUnitCounts {
        let merged = try merge(inputs: inputs, name: name)
        try JUnitWriter.write(merged, to: output, options: options)
        return merged.counts
    }

    /// Merges reports already in memory.
    public static func merge(_ reports: [JUnitReport], name: String? = nil) -> JUnitReport {
        var suites: [JUnitSuite] = []
        var indexByName: [String: Int] = [:]
        var properties = OrderedPropertySet()
        for report in reports {
            properties.insert(contentsOf: report.properties)
            for suite in report.suites {
                if let index = indexByName[suite.name] {
                    suites[index] = combine(suites[index], suite)
                } else {
                    indexByName[suite.name] = suites.count
                    var first = suite
                    first.properties = OrderedPropertySet(suite.properties).properties
                    first.time = suite.effectiveTime
                    suites.append(first)
                }
            }
        }
        makeNamesUnique(in: &suites)
        return JUnitReport(
            name: name ?? reports.first?.name ?? "merged",
            timestamp: reports.first?.timestamp ?? .now(),
            time: nil,
            properties: properties.properties,
            suites: suites
        )
    }

    private static func combine(_ base: JUnitSuite, _ addition: JUnitSuite) -> JUnitSuite {
        var merged = base
        merged.cases += addition.cases
        var properties = OrderedPropertySet(base.properties)
        properties.insert(contentsOf: addition.properties)
        merged.properties = properties.properties
        merged.time = base.effectiveTime + addition.effectiveTime
        merged.timestamp = base.timestamp ?? addition.timestamp
        merged.hostname = base.hostname ?? addition.hostname
        return merged
    }

    private static func makeNamesUnique(in suites: inout [JUnitSuite]) {
        var taken: Set<CaseKey> = []
        for suiteIndex in suites.indices {
            let suiteName = suites[suiteIndex].name
            for caseIndex in suites[suiteIndex].cases.indices {
                var testCase = suites[suiteIndex].cases[caseIndex]
                if testCase.classname.isEmpty { testCase.classname = suiteName }
                var candidate = testCase.name
                var suffix = 2
                while !taken.insert(CaseKey(classname: testCase.classname, name: candidate)).inserted {
                    candidate = "\(testCase.name) #\(suffix)"
                    suffix += 1
                }
                testCase.name = candidate
                suites[suiteIndex].cases[caseIndex] = testCase
            }
        }
    }

    private struct CaseKey: Hashable {
        let classname: String
        let name: String
    }
}

/// Properties in first-seen order without exact repeats.
private struct OrderedPropertySet {
    private(set) var properties: [JUnitProperty] = []
    private var seen: Set<JUnitProperty> = []

    init(_ initial: [JUnitProperty] = []) {
        insert(contentsOf: initial)
    }

    mutating func insert(contentsOf more: [JUnitProperty]) {
        for property in more where seen.insert(property).inserted {
            properties.append(property)
        }
    }
}

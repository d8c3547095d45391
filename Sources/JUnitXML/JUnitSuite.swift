import Foundation

/// One `<testsuite>`: a scenario area or a property, with its cases.
///
/// Counts are never stored: ``counts`` is computed from ``cases`` every time.
public struct JUnitSuite: Sendable, Hashable {
    /// The `name` attribute. An empty name is written as `(unnamed)`.
    public var name: String
    /// The `timestamp` attribute; `nil` means the report's timestamp.
    public var timestamp: JUnitTimestamp?
    /// The `hostname` attribute; `nil` means ``JUnitSuite/currentHostname``.
    public var hostname: String?
    /// The suite's duration in seconds; `nil` means the sum of its cases' times.
    public var time: Double?
    /// Suite-level properties, in order. Across a report, a `name`/`value` pair is written once and a
    /// name reused with another value is written as `name #2`, … (xunitparser needs unique names).
    public var properties: [JUnitProperty]
    /// The test cases, in order.
    public var cases: [JUnitCase]

    /// Creates a suite.
    public init(
        name: String,
        timestamp: JUnitTimestamp? = nil,
        hostname: String? = nil,
        time: Double? = nil,
        properties: [JUnitProperty] = [],
        cases: [JUnitCase] = []
    ) {
        self.name = name
        self.timestamp = timestamp
        self.hostname = hostname
        self.time = time
        self.properties = properties
        self.cases = cases
    }

    /// Tests, failures, errors and skipped cases, computed from ``cases``.
    public var counts: JUnitCounts {
        var counts = JUnitCounts.zero
        for testCase in cases { counts.add(testCase.outcome) }
        return counts
    }

    /// The sum of the cases' times.
    public var caseTime: Double {
        cases.reduce(0) { $0 + max(0, $1.time.isFinite ? $1.time : 0) }
    }

    /// The duration written for the suite: ``time`` if set, otherwise ``caseTime``.
    public var effectiveTime: Double { time ?? caseTime }

    /// This machine's host name, or `localhost` when it cannot be determined (the Ant convention).
    public static var currentHostname: String {
        let name = ProcessInfo.processInfo.hostName
        return name.isEmpty ? "localhost" : name
    }
}

/// A whole report: the `<testsuites>` root and its suites.
///
/// Report-level ``properties`` (kit version, run seed, implementation under test, profile) are written
/// once, in the first suite's `<properties>` ahead of its own. xunitparser forces this: it fails on `<properties>` directly under `<testsuites>`, and it merges the properties of all suites
/// into one dictionary and fails on a repeated name. The writer therefore keeps suite-level property
/// names unique across the report: a `name`/`value` pair already written for an earlier suite is not
/// repeated, and a name reused with a different value is written as `name #2`, `name #3`, ….
/// ``timestamp`` is the default for suites that have none. `<testsuites>` itself carries `name`,
/// `tests`, `failures`, `errors` and `time` (the attributes `junit-10.xsd` allows there); `skipped` is
/// written on each suite.
public struct JUnitReport: Sendable, Hashable {
    /// The `name` attribute of `<testsuites>`. An empty name is written as `(unnamed)`.
    public var name: String
    /// The default timestamp of the suites.
    public var timestamp: JUnitTimestamp
    /// The run's wall time in seconds; `nil` means the sum of the suites' times.
    public var time: Double?
    /// Run-level properties, written once in the first suite, before its own.
    public var properties: [JUnitProperty]
    /// The suites, in order.
    public var suites: [JUnitSuite]

    /// Creates a report; `timestamp` defaults to now.
    public init(
        name: String,
        timestamp: JUnitTimestamp = .now(),
        time: Double? = nil,
        properties: [JUnitProperty] = [],
        suites: [JUnitSuite] = []
    ) {
        self.name = name
        self.timestamp = timestamp
        self.time = time
        self.properties = properties
        self.suites = suites
    }

    /// Tests, failures, errors and skipped cases over all suites, computed from the cases.
    public var counts: JUnitCounts {
        suites.reduce(JUnitCounts.zero) { $0 + $1.counts }
    }

    /// The duration written for the report: ``time`` if set, otherwise the sum of the suites' times.
    public var effectiveTime: Double {
        time ?? suites.reduce(0) { total, suite in
            let time = suite.effectiveTime
            return total + (time.isFinite && time > 0 ? time : 0)
        }
    }

    /// Every test case, suite by suite.
    public var allCases: [JUnitCase] {
        suites.flatMap(\.cases)
    }
}

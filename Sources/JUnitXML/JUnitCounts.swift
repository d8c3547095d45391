/// The test counts of a suite or a report, always computed from its test cases.
///
/// `tests` counts every case, including failed, errored and skipped ones (the JUnit convention).
public struct JUnitCounts: Sendable, Hashable, CustomStringConvertible {
    /// Every test case.
    public var tests: Int
    /// Cases whose outcome is `.failure`.
    public var failures: Int
    /// Cases whose outcome is `.error`.
    public var errors: Int
    /// Cases whose outcome is `.skipped`.
    public var skipped: Int

    /// Creates counts; prefer computing them with ``add(_:)`` or a model's `counts`.
    public init(tests: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0) {
        self.tests = tests
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
    }

    /// No cases at all.
    public static let zero = JUnitCounts()

    /// Cases that passed.
    public var passed: Int { tests - failures - errors - skipped }

    /// Counts one case with the given outcome.
    public mutating func add(_ outcome: JUnitCase.Outcome) {
        tests += 1
        switch outcome {
        case .passed: break
        case .failure: failures += 1
        case .error: errors += 1
        case .skipped: skipped += 1
        }
    }

    /// The sum of two sets of counts.
    public static func + (lhs: JUnitCounts, rhs: JUnitCounts) -> JUnitCounts {
        JUnitCounts(
            tests: lhs.tests + rhs.tests,
            failures: lhs.failures + rhs.failures,
            errors: lhs.errors + rhs.errors,
            skipped: lhs.skipped + rhs.skipped
        )
    }

    /// Adds `rhs` to `lhs`.
    public static func += (lhs: inout JUnitCounts, rhs: JUnitCounts) {
        lhs = lhs + rhs
    }

    public var description: String {
        "tests=\(tests) failures=\(failures) errors=\(errors) skipped=\(skipped)"
    }
}

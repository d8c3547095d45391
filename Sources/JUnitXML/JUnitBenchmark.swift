import Foundation

/// A synthetic workload for `conformance bench report`.
public enum JUnitBenchmark {
    /// Streams a report of `cases` synthetic test cases to `path` with ``JUnitStreamWriter`` and returns
    /// the wall time and the file size.
    ///
    /// The cases are spread over suites of 1,000; every case has a case-seed property and a short step
    /// trace in `system-out`; every 10th fails (with a body), every 97th errors and every 50th is
    /// skipped; two secrets are redacted, and one trace in 100 contains one of them.
    public static func writeSynthetic(cases: Int, to path: String) throws -> (seconds: Double, bytes: Int) {
        let secrets = ["tok_live_5f9a2c7e1b", "canvas-admin-7731-secret"]
        let options = JUnitWriterOptions(redactor: Redactor(secrets: secrets), hostname: "bench-host")
        let clock = ContinuousClock()
        let start = clock.now
        let stream = try JUnitStreamWriter(
            path: path,
            name: "bench",
            timestamp: JUnitTimestamp(Date(timeIntervalSince1970: 1_757_476_799)),
            properties: JUnitProperty.list(["kit-version": "0.0.0-bench", "run-seed": "42"]),
            options: options
        )
        let suiteSize = 1000
        var index = 0
        while index < cases {
            let suiteNumber = index / suiteSize
            try stream.beginSuite(JUnitSuite(name: "bench.suite\(suiteNumber)"))
            let end = min(cases, index + suiteSize)
            while index < end {
                try stream.write(syntheticCase(index, suite: suiteNumber, secret: secrets[index % 2]))
                index += 1
            }
            try stream.endSuite()
        }
        try stream.finish()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let bytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
        return (seconds, bytes)
    }

    private static func syntheticCase(_ index: Int, suite: Int, secret: String) -> JUnitCase {
        let leak = index % 100 == 0 ? " Authorization: Bearer \(secret)" : ""
        let outcome: JUnitCase.Outcome
        if index % 97 == 0 {
            outcome = .error(message: "harness crashed", type: "HarnessError", body: "signal 11 in step 3")
        } else if index % 50 == 0 {
            outcome = .skipped(message: "expected failure: EXP-\(index)")
        } else if index % 10 == 0 {
            outcome = .failure(
                message: "grade mismatch",
                type: "AssertionFailure",
                body: "expected: 92.5\nactual:   95 <\u{1B}[31mdiff\u{1B}[0m>"
            )
        } else {
            outcome = .passed
        }
        return JUnitCase(
            classname: "bench.suite\(suite)",
            name: "case \(index)",
            time: Double(index % 1000) / 997,
            file: "Scenarios/bench/\(index % 50).yaml",
            properties: [JUnitProperty(name: "case-seed", value: String(index &* 2_654_435_761 & 0xFFFF_FFFF))],
            outcome: outcome,
            systemOut: "step 1: GET /api/v1/courses/\(index)/assignments -> 200\nstep 2: sync -> ok\(leak)\n"
        )
    }
}

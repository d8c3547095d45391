import KitPrimitives
import ConformanceKit

/// What a checker run came to.
public struct CheckerRun: Sendable {
    /// The run seed.
    public var seed: UInt64
    /// The implementation's label.
    public var implementation: String
    public var casesRun = 0
    /// Cases run on each source platform.
    public var casesPerPlatform: [SourcePlatform: Int] = [:]
    public var commandsRun = 0
    /// Concept calls made (the invariants' probes included).
    public var calls = 0
    /// The first failure, shrunk.
    public var failure: CheckerFailure?
    /// Why a case could not run at all, if one could not.
    public var setupError: String?
    /// Findings about the spec, the first example of each, in the order first seen.
    public var findings: [Finding] = []
    /// How many cases showed each finding.
    public var findingCounts: [String: Int] = [:]
    /// A digest of every case's history digest: equal for the same seed and implementation.
    public var digest = ""
    /// Wall time (measured for reports only; nothing in a case reads it).
    public var duration: Duration = .zero
    /// Every case that ran, in index order: one JUnit test case each, so shards add up.
    public var caseRecords: [CaseRecord] = []

    /// One case as the report shows it.
    public struct CaseRecord: Sendable, Hashable {
        /// How the case ended.
        public enum Result: Sendable, Hashable {
            /// Every invariant held.
            case passed
            /// The run's failure (``CheckerRun/failure``) was found in this case.
            case failed
            /// The case could not run (``CheckerRun/setupError``).
            case couldNotRun
        }

        public var index: Int
        public var platform: SourcePlatform
        public var seedText: String
        public var commands: Int
        /// The ids of the findings this case showed.
        public var findings: [String]
        public var result: Result
        /// Wall time (reports only).
        public var duration: Duration
        /// Why the case stopped without a verdict (a linearizability search past its bound), if it did.
        public var inconclusive: String? = nil
        /// The case's history digest (the run's ``CheckerRun/digest`` folds them): a run that differs
        /// from another of the same seed names the first case that differs.
        public var digest = ""
        /// Concept calls the case made.
        public var calls = 0
    }

    public init(seed: UInt64, implementation: String) {
        self.seed = seed
        self.implementation = implementation
    }

    /// Whether every case passed.
    public var passed: Bool { failure == nil && setupError == nil }

    mutating func record(_ new: [Finding]) {
        for finding in new {
            if findingCounts[finding.id] == nil { findings.append(finding) }
            findingCounts[finding.id, default: 0] += 1
        }
    }

    /// Commands per second of wall time.
    public var commandsPerSecond: Double {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds > 0 ? Double(commandsRun) / seconds : 0
    }

    /// ` (52 Canvas, 48 GitHub Classroom)`, or empty when the cases ran on one platform.
    var platformBreakdown: String {
        guard casesPerPlatform.count > 1 else { return "" }
        return " (" + casesPerPlatform.keys.sorted().map { "\(casesPerPlatform[$0]!) \($0.sourceType)" }.joined(separator: ", ") + ")"
    }

    /// A few lines: verdict, budget, findings.
    public var summary: String {
        var lines = [
            "checker \(passed ? "passed" : "FAILED"): \(casesRun) cases\(platformBreakdown), \(commandsRun) commands, \(calls) calls, seed \(seed), "
                + "history digest \(digest)"
        ]
        let inconclusive = caseRecords.compactMap(\.inconclusive)
        if !inconclusive.isEmpty {
            lines.append("inconclusive (no verdict, not a pass): \(inconclusive.count) cases, e.g. \(inconclusive[0])")
        }
        for finding in findings {
            lines.append("finding about the spec (\(findingCounts[finding.id] ?? 0) cases): \(finding.id): \(finding.title)")
        }
        if let failure {
            lines.append("minimal counterexample: \(failure.minimal.checkerCase.commands.count) commands (from \(failure.original.checkerCase.commands.count))"
                + (failure.scenarioFile.map { "; replay: conformance replay \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

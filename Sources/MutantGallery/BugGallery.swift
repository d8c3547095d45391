import ConformanceKit
import KitPrimitives
import PropertyChecker
/// Runs the checker against every mutant of the gallery on each source platform the bug means
/// something on, and reports, per bug and platform, whether it was caught, after how many cases,
/// and how short the shrunk counterexample is (`conformance bench checker` prints the table).
///
/// ```swift
/// let results = await BugGallery.evaluate(configuration: CheckerConfiguration(seed: 42))
/// print(BugGallery.table(results))   // one line per (bug, platform)
/// ```
public enum BugGallery {
    /// One bug's result.
    public struct Result: Sendable {
        public var bug: MutantBug
        /// The platform every case ran on (nil: the configuration's mix).
        public var platform: SourcePlatform?
        /// Whether a case failed within the budget.
        public var caught: Bool
        /// The 1-based number of the first failing case (nil when not caught).
        public var casesNeeded: Int?
        /// The failing case's length before and after shrinking.
        public var originalLength: Int?
        public var shrunkLength: Int?
        /// What the checker reported.
        public var violationCode: Violation.Code?
        public var shrinkRuns: Int
        /// Wall time of the run (for the table).
        public var duration: Duration
        /// The whole failure, when caught.
        public var failure: CheckerFailure?

        public init(
            bug: MutantBug, caught: Bool, casesNeeded: Int?, originalLength: Int?, shrunkLength: Int?, violationCode: Violation.Code?,
            shrinkRuns: Int, duration: Duration, failure: CheckerFailure? = nil, platform: SourcePlatform? = nil
        ) {
            self.bug = bug
            self.platform = platform
            self.caught = caught
            self.casesNeeded = casesNeeded
            self.originalLength = originalLength
            self.shrunkLength = shrunkLength
            self.violationCode = violationCode
            self.shrinkRuns = shrinkRuns
            self.duration = duration
            self.failure = failure
        }
    }

    /// Runs `configuration`'s budget against each bug's mutant, on each of `configuration`'s
    /// platforms the bug means something on, every case on that one platform (one run after another).
    public static func evaluate(
        _ bugs: [MutantBug] = MutantBug.gallery, configuration: CheckerConfiguration, log: @Sendable (String) -> Void = { _ in }
    ) async -> [Result] {
        var results: [Result] = []
        for bug in bugs {
            for platform in configuration.platforms where bug.platforms.contains(platform) {
                let result = await evaluate(bug, on: platform, configuration: configuration)
                log(line(result))
                results.append(result)
            }
        }
        return results
    }

    /// Runs `configuration`'s budget against `bug`'s mutant with every case on `platform`.
    public static func evaluate(_ bug: MutantBug, on platform: SourcePlatform, configuration: CheckerConfiguration) async -> Result {
        var configuration = configuration
        configuration.platforms = [platform]
        let run = await Checker(configuration: configuration, provider: MutantProvider(bug)).run()
        return Result(
            bug: bug, caught: run.failure != nil, casesNeeded: run.failure.map { $0.original.checkerCase.index + 1 },
            originalLength: run.failure?.original.checkerCase.commands.count, shrunkLength: run.failure?.minimal.checkerCase.commands.count,
            violationCode: run.failure?.violation.code, shrinkRuns: run.failure?.shrinkRuns ?? 0, duration: run.duration,
            failure: run.failure, platform: platform)
    }

    /// A table: bug, platform, caught, cases needed, shrunk length, violation.
    public static func table(_ results: [Result]) -> String {
        let header = "bug                               platform          caught  cases  length  shrunk  runs  violation"
        return ([header] + results.map(line)).joined(separator: "\n")
    }

    static func line(_ result: Result) -> String {
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
        return pad(result.bug.rawValue, 34) + pad(result.platform?.shortName ?? "mixed", 18) + pad(result.caught ? "yes" : "NO", 8)
            + pad(result.casesNeeded.map(String.init) ?? "-", 7)
            + pad(result.originalLength.map(String.init) ?? "-", 8) + pad(result.shrunkLength.map(String.init) ?? "-", 8)
            + pad(result.caught ? String(result.shrinkRuns) : "-", 6) + (result.violationCode?.rawValue ?? "-")
    }
}

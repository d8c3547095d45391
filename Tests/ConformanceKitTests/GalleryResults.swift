import ConformanceKit
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Each gallery bug evaluated on each platform at the gallery seed, once per test process: the
/// per-platform gallery test and the failure-file replay test read the same runs (a run with its
/// shrink is the suite's most expensive unit).
actor GalleryResults {
    static let shared = GalleryResults()

    /// `EAS_SEED`, else a fixed seed, so CI is repeatable; printed with each result.
    static let seed = CheckerFixtures.seed(fallback: 20_251_127)

    private var runs: [String: Task<BugGallery.Result, Never>] = [:]

    /// `bug` on `platform` with the default budget, every case on that platform, shrunk.
    func result(_ bug: MutantBug, on platform: SourcePlatform) async -> BugGallery.Result {
        let key = bug.rawValue + "/" + platform.shortName
        if let run = runs[key] { return await run.value }
        let run = Task { await BugGallery.evaluate(bug, on: platform, configuration: CheckerFixtures.configuration(seed: Self.seed)) }
        runs[key] = run
        return await run.value
    }
}

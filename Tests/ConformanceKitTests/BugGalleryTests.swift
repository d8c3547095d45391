import ConformanceKit
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Every deliberately wrong mutant is caught within the default budget (cases split between the
/// source platforms). Each platform on its own, the shrunk counterexamples and the mutant without a
/// bug passing (on every case a mixed run holds): ``BugGalleryPlatformTests``.
@Suite struct BugGalleryTests {
    /// `EAS_SEED`, else a fixed seed, so CI is repeatable; the seed is printed with each result.
    static let seed = CheckerFixtures.seed(fallback: 20_251_127)

    /// Caught, and caught again when re-run, within the mixed default budget. Not shrunk here: the
    /// case it is caught at is case `index` of ``BugGalleryPlatformTests`` on the same platform (see
    /// ``aMixedRunsCasesAreThePerPlatformRunsCases()``), whose shrink that suite asserts.
    @Test(arguments: MutantBug.gallery)
    func eachBugIsCaughtWithinTheDefaultBudget(bug: MutantBug) async throws {
        var configuration = CheckerFixtures.configuration(seed: Self.seed)
        configuration.shrink = false
        #expect(configuration.platforms == SourcePlatform.allCases, "the default budget mixes the platforms")
        let run = await Checker(configuration: configuration, provider: MutantProvider(bug)).run()
        let failure = try #require(run.failure, "\(bug) survived \(configuration.cases) cases × \(configuration.steps) steps")
        print("seed \(Self.seed): \(bug) caught at case \(failure.original.checkerCase.index + 1) on \(failure.original.checkerCase.platform)")
        #expect(failure.reproduced)
        #expect(failure.original.checkerCase.index < CheckerConfiguration.defaultCases)
        #expect(bug.platforms.contains(failure.original.checkerCase.platform))
    }

    /// Case `i` of a mixed run is case `i` of a run on that case's platform alone: same seed, same
    /// world, same commands. So the per-platform runs of ``BugGalleryPlatformTests`` (every case on
    /// each platform) hold every case of the mixed default budget, and a mixed catch is shrunk there.
    @Test func aMixedRunsCasesAreThePerPlatformRunsCases() throws {
        let mixed = Checker(configuration: CheckerFixtures.configuration(seed: Self.seed), provider: MutantProvider(.none))
        let single = Dictionary(uniqueKeysWithValues: SourcePlatform.allCases.map { platform in
            var configuration = CheckerFixtures.configuration(seed: Self.seed)
            configuration.platforms = [platform]
            return (platform, Checker(configuration: configuration, provider: MutantProvider(.none)))
        })
        for index in 0..<CheckerConfiguration.defaultCases {
            let mixedCase = mixed.makeCase(index)
            let alone = try #require(single[mixedCase.platform]).makeCase(index)
            #expect(mixedCase == alone, "case \(index) on \(mixedCase.platform)")
        }
    }

    @Test func theTwelveRequiredBugsAreInTheGallery() {
        #expect(Set(MutantBug.required).isSubset(of: Set(MutantBug.gallery)))
        #expect(MutantBug.gallery.count >= 12)
        #expect(!MutantBug.gallery.contains(.none))
    }

    @Test func theTableHasALinePerBug() throws {
        let results = [MutantBug.onlyFirstPage, .tokenInSources].map {
            BugGallery.Result(
                bug: $0, caught: true, casesNeeded: 2, originalLength: 40, shrunkLength: 3, violationCode: .tokenLeak, shrinkRuns: 10, duration: .zero)
        }
        let lines = BugGallery.table(results).split(separator: "\n")
        try #require(lines.count == 3)
        #expect(lines[0].contains("platform"))
        #expect(lines[1].hasPrefix("only-first-page"))
        #expect(lines[2].contains("token-leak"))
    }
}

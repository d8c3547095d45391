import ConformanceKit
import Testing

/// Every deliberately wrong mutant is caught within the default budget (cases split between the
/// source platforms), with a short counterexample; the mutant without a bug passes. Each platform
/// on its own: ``BugGalleryPlatformTests``.
@Suite struct BugGalleryTests {
    /// `EAS_SEED`, else a fixed seed, so CI is repeatable; the seed is printed with each result.
    static let seed = CheckerFixtures.seed(fallback: 20_251_127)

    @Test(arguments: MutantBug.gallery)
    func eachBugIsCaughtWithinTheDefaultBudget(bug: MutantBug) async throws {
        let configuration = CheckerFixtures.configuration(seed: Self.seed)
        #expect(configuration.platforms == SourcePlatform.allCases, "the default budget mixes the platforms")
        let run = await Checker(configuration: configuration, provider: MutantProvider(bug)).run()
        let failure = try #require(run.failure, "\(bug) survived \(configuration.cases) cases × \(configuration.steps) steps")
        print("seed \(Self.seed): \(bug) caught at case \(failure.original.checkerCase.index + 1) on \(failure.original.checkerCase.platform), "
            + "shrunk to \(failure.minimal.checkerCase.commands.count)")
        #expect(failure.reproduced)
        #expect(failure.original.checkerCase.index < CheckerConfiguration.defaultCases)
        #expect(failure.minimal.checkerCase.commands.count <= 8, "\(failure.report)")
        #expect(failure.minimal.violation?.code == failure.original.violation?.code)
    }

    @Test func theTwelveRequiredBugsAreInTheGallery() {
        #expect(Set(MutantBug.required).isSubset(of: Set(MutantBug.gallery)))
        #expect(MutantBug.gallery.count >= 12)
        #expect(!MutantBug.gallery.contains(.none))
    }

    @Test func theMutantWithoutABugPassesTheDefaultBudget() async {
        let run = await Checker(configuration: CheckerFixtures.configuration(seed: Self.seed), provider: MutantProvider(.none)).run()
        #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
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

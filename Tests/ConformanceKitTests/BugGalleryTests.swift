import ConformanceKit
import Testing

/// Every deliberately wrong mutant is caught within the default budget, with a short
/// counterexample; the mutant without a bug passes.
@Suite struct BugGalleryTests {
    /// `EAS_SEED`, else a fixed seed, so CI is repeatable; the seed is printed with each result.
    static let seed = CheckerFixtures.seed(fallback: 20_251_127)

    @Test(arguments: MutantBug.gallery)
    func eachBugIsCaughtWithinTheDefaultBudget(bug: MutantBug) async throws {
        let configuration = CheckerFixtures.configuration(seed: Self.seed)
        let result = try #require(await BugGallery.evaluate([bug], configuration: configuration).first)
        print("seed \(Self.seed): " + BugGallery.table([result]).split(separator: "\n").last!)
        #expect(result.caught, "\(bug) survived \(configuration.cases) cases × \(configuration.steps) steps")
        let failure = try #require(result.failure)
        #expect(failure.reproduced)
        #expect(try #require(result.casesNeeded) <= CheckerConfiguration.defaultCases)
        #expect(try #require(result.shrunkLength) <= 8, "\(failure.report)")
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

    @Test func theTableHasALinePerBug() {
        let results = [MutantBug.onlyFirstPage, .tokenInSources].map {
            BugGallery.Result(
                bug: $0, caught: true, casesNeeded: 2, originalLength: 40, shrunkLength: 3, violationCode: .tokenLeak, shrinkRuns: 10, duration: .zero)
        }
        let lines = BugGallery.table(results).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("only-first-page"))
        #expect(lines[2].contains("token-leak"))
    }
}

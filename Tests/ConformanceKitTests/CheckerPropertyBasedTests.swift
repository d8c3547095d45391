import ConformanceKit
import ReferenceHarness
import PropertyBased
import Synchronization
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The checker's generator and shrinker inside swift-property-based: `propertyCheck` drives the
/// cases and the greedy shrink loop, with the library's array shrinking (drop one command, or
/// simplify one in place) over the checker's own command simplifications. Case seeds come from
/// one run seed (which the library lacks), so a failing case is named by `EAS_SEED` and its index.
enum CheckerGen {
    /// Cases `0, 1, 2, …` of the run with `runSeed`, split between the source platforms as the
    /// checker splits them; shrinking keeps the world and the platform and shrinks the commands.
    static func cases(runSeed: UInt64, steps: Int = 40) -> Generator<CheckerCase, AnySequence<CheckerCase>> {
        let next = Counter()
        let generator = CommandGenerator(steps: steps)
        return Generator(
            run: { _ in
                let index = next.take()
                return generator.makeCase(
                    index: index, seed: CheckerCase.seed(runSeed: runSeed, index: index),
                    platform: CheckerCase.platform(runSeed: runSeed, index: index, among: SourcePlatform.allCases))
            },
            shrink: { checkerCase in
                let shrunk = Shrink.shrinkArray(checkerCase.commands, shrinker: { Shrinker.simplifications(of: $0) })
                return AnySequence(shrunk.lazy.map { checkerCase.with(commands: $0) })
            })
    }
}

@Suite struct CheckerPropertyBasedTests {
    @Test func theReferenceHoldsUnderPropertyCheck() async {
        let seed = CheckerFixtures.seed(fallback: CheckerConfiguration.randomSeed())
        print("propertyCheck run seed \(seed)")
        let executor = CaseExecutor(provider: ReferenceScenarioProvider())
        await propertyCheck(count: 15, input: CheckerGen.cases(runSeed: seed)) { checkerCase in
            let outcome = await executor.run(checkerCase)
            #expect(outcome.violation == nil, "case \(checkerCase.index) (seed \(checkerCase.seedText)): \(outcome.violation.map { "\($0)" } ?? "")")
        }
    }

    @Test func propertyCheckFindsAndShrinksAMutant() async {
        let executor = CaseExecutor(provider: MutantProvider(.tokenInSources))
        let smallest = Counter(Int.max)
        await withKnownIssue("the token-in-sources mutant leaks its token") {
            await propertyCheck(count: 20, input: CheckerGen.cases(runSeed: 11, steps: 12)) { checkerCase in
                let outcome = await executor.run(checkerCase)
                if outcome.violation != nil { smallest.lower(to: checkerCase.commands.count) }
                #expect(outcome.violation?.code != .tokenLeak)
            }
        }
        #expect(smallest.value <= 2, "shrunk to a connect and the query that shows the token")
    }
}

/// A counter shared with `@Sendable` generator closures.
final class Counter: Sendable {
    private let state: Mutex<Int>
    init(_ start: Int = 0) { state = Mutex(start) }
    var value: Int { state.withLock { $0 } }
    /// The current value, then one more.
    func take() -> Int {
        state.withLock { value in
            defer { value += 1 }
            return value
        }
    }
    func lower(to candidate: Int) { state.withLock { $0 = min($0, candidate) } }
}

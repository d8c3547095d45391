import ConformanceKit
import ReferenceHarness
import KitPrimitives
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Generation (seeds, swarm, budgets) and shrinking, without any implementation.
@Suite struct CheckerGeneratorTests {
    /// A fault choice's kind (what reports and the journal call it) is the mock's kind of the
    /// fault it installs; the families group the statuses, throttles and broken connections.
    @Test func faultChoicesCarryTheMocksKinds() {
        #expect(FaultChoice.allCases.map(\.kind) == [
            "status", "status", "status", "status", "throttle", "throttle", "html", "redirect", "foreign_links", "malformed_json",
            "truncated_body", "delay", "revoke_token", "expire_token", "world_change", "reset", "close_without_response",
            "close_mid_headers", "close_mid_body", "stall_then_reset", "stall",
        ])
        #expect(FaultChoice.families(of: FaultChoice.allCases).map { $0.first?.family } == [
            "status", "throttle", "html", "redirect", "foreign_links", "malformed_json", "truncated_body", "delay", "revoke_token",
            "expire_token", "world_change", "transport", "stall",
        ])
    }

    @Test func aCaseIsAFunctionOfItsSeed() {
        let generator = CommandGenerator()
        let seed = CheckerCase.seed(runSeed: 42, index: 3)
        #expect(seed == SplitMix64.derive(42, "case:3"))
        #expect(generator.makeCase(index: 3, seed: seed) == generator.makeCase(index: 3, seed: seed))
        #expect(generator.makeCase(index: 3, seed: seed) != generator.makeCase(index: 4, seed: CheckerCase.seed(runSeed: 42, index: 4)))
        #expect(generator.makeCase(index: 0, seed: seed).commands.count == CheckerConfiguration.defaultSteps)
        #expect(CommandGenerator(steps: 7).makeCase(index: 0, seed: seed).commands.count == 7)
    }

    @Test func swarmModeDrawsFromARandomSubsetThatKeepsTheCore() {
        let generator = CommandGenerator(swarm: true)
        let cases = (0..<40).map { generator.makeCase(index: $0, seed: CheckerCase.seed(runSeed: 7, index: $0)) }
        for checkerCase in cases {
            #expect(CommandKind.core.isSubset(of: Set(checkerCase.enabledKinds)))
            #expect(!checkerCase.enabledFaults.isEmpty)
            #expect(checkerCase.commands.allSatisfy { checkerCase.enabledKinds.contains($0.kind) })
        }
        #expect(Set(cases.map(\.enabledKinds)).count > 20, "subsets vary between cases")
        #expect(cases.contains { $0.enabledKinds.count < CommandKind.allCases.count })
        let full = CommandGenerator(swarm: false).makeCase(index: 0, seed: 1)
        #expect(full.enabledKinds == CommandKind.allCases)
        #expect(!full.enabledFaults.contains(.stall), "slow faults only on request")
        #expect(full.enabledFaults.contains(.stallThenReset), "a stall then reset is not slow")
        #expect(CommandGenerator(includeSlowFaults: true).faults.contains(.stall))
    }

    /// Pure stalls and unreachable connects (the faults that cost the implementation's whole timeout)
    /// are confined to one case in `slowCaseEvery`, at most one pure stall each, hitting one request;
    /// every other case is the case a run without slow faults draws.
    @Test func slowFaultsAreABoundedShareOfTheCases() {
        let fast = CommandGenerator(swarm: false)
        let slow = CommandGenerator(swarm: false, includeSlowFaults: true)
        var pureStallCases = 0
        for index in 0..<200 {
            let seed = CheckerCase.seed(runSeed: 11, index: index)
            let drawn = slow.makeCase(index: index, seed: seed)
            let stalls = drawn.commands.compactMap { command -> FaultPlan? in
                guard case .fault(let plan) = command, plan.choice == .stall else { return nil }
                return plan
            }
            let unreachable = drawn.commands.contains { command in
                guard case .connect(let arguments) = command else { return false }
                return !arguments.reachable
            }
            if slow.isSlowCase(index) {
                #expect(stalls.count <= 1 && stalls.allSatisfy { $0.count == 1 }, "case \(index): one pure stall, one request")
                if !stalls.isEmpty { pureStallCases += 1 }
            } else {
                #expect(stalls.isEmpty && !unreachable, "case \(index) is not a slow case")
                #expect(drawn == fast.makeCase(index: index, seed: seed), "case \(index) is drawn as without slow faults")
            }
        }
        #expect(slow.isSlowCase(0) && !slow.isSlowCase(1) && !fast.isSlowCase(0))
        #expect(pureStallCases > 0 && pureStallCases <= 200 / CommandGenerator.slowCaseEvery, "\(pureStallCases) cases stall")
    }

    @Test func budgetsAndTheSeedComeFromTheEnvironment() throws {
        let configuration = CheckerConfiguration.fromEnvironment(["EAS_SEED": "0x2a", "EAS_CASES": "7", "EAS_STEPS": "9", "EAS_SWARM": "0"])
        #expect(configuration.seed == 42)
        #expect(configuration.seedSource == "EAS_SEED")
        #expect(configuration.cases == 7)
        #expect(configuration.steps == 9)
        #expect(!configuration.swarm)
        let defaults = CheckerConfiguration.fromEnvironment([:])
        #expect(defaults.seedSource == "random")
        #expect(defaults.cases == 100 && defaults.steps == 40 && defaults.swarm)
        #expect(CheckerConfiguration.parseSeed("123") == 123)
        #expect(CheckerConfiguration.parseSeed("seed") == nil)
        #expect(RunSeed.parse(" 0x2A ") == 42 && RunSeed.parse("18446744073709551615") == UInt64.max)
        #expect(RunSeed.parse("18446744073709551616") == nil && RunSeed.parse("-1") == nil && RunSeed.parse("0x") == nil)
        #expect(throws: RunSeed.Malformed.self) { try RunSeed.fromEnvironment(["EAS_SEED": "0x2g"]) }
        #expect(try RunSeed.fromEnvironment([:]) == nil)
        #expect(configuration.generator.steps == 9)
    }

    /// A failure that needs one poll and one fault, found in noise.
    static let needle: [CheckerCommand] = [.poll(.connected(3)), .fault(FaultPlan(.throttle429, count: 3, skip: 2))]

    static func violation(step: Int) -> Violation {
        Violation(code: .unexpectedAnswer, phase: .commands, step: step, call: "x", mismatch: Mismatch(path: "", expected: "a", actual: "b"), clauses: [])
    }

    @Test func theShrinkerFindsTheSmallestFailingSequence() async throws {
        var commands = CommandGenerator(swarm: false).makeCase(index: 0, seed: 9).commands
        try #require(commands.count >= 29, "room to insert the needle at 5 and at 30")
        commands.insert(Self.needle[0], at: 5)
        commands.insert(Self.needle[1], at: 30)
        let checkerCase = CommandGenerator().makeCase(index: 0, seed: 9).with(commands: commands)
        let executor = FakeExecutor()
        let start = executor.run(checkerCase)
        #expect(start.violation != nil)
        let result = await Shrinker().shrink(start) { executor.run($0) }
        #expect(result.checkerCase.commands == [.poll(.connected(0)), .fault(FaultPlan(.throttle429, count: 1, skip: 0))])
        #expect(result.outcome.violation?.code == .unexpectedAnswer)
        #expect(result.runs <= 400)
    }

    @Test func shrinkCandidatesTryThePrefixFirstAndNeverRepeatTheInput() {
        let commands = CommandGenerator(swarm: false).makeCase(index: 0, seed: 3).commands
        let candidates = Shrinker.candidates(commands, failure: Self.violation(step: 10))
        #expect(candidates.first == Array(commands.prefix(10)))
        #expect(!candidates.contains(commands))
        #expect(candidates.allSatisfy { $0.count <= commands.count })
        for command in commands {
            #expect(!Shrinker.simplifications(of: command).contains(command))
        }
    }
}

/// Runs no implementation: a case fails when it polls and, later, injects a throttle.
struct FakeExecutor {
    func run(_ checkerCase: CheckerCase) -> CaseOutcome {
        let commands = checkerCase.commands
        guard let poll = commands.firstIndex(where: { if case .poll(.connected) = $0 { true } else { false } }),
            let fault = commands[poll...].firstIndex(where: { if case .fault(let plan) = $0 { plan.choice == .throttle429 } else { false } })
        else { return CaseOutcome(checkerCase: checkerCase, violation: nil) }
        return CaseOutcome(checkerCase: checkerCase, violation: CheckerGeneratorTests.violation(step: fault + 1))
    }
}

extension CheckerGeneratorTests {
    @Test func shardsPartitionTheCases() async throws {
        var covered: [Int] = []
        for index in 0..<3 {
            var configuration = CheckerFixtures.configuration(seed: 1, cases: 7, steps: 0)
            configuration.shard = .init(index: index, count: 3)
            let shard = try #require(configuration.shard)
            covered += (0..<7).filter { shard.includes($0) }
            let run = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run()
            #expect(run.casesRun == (0..<7).filter { $0 % 3 == index }.count)
        }
        #expect(covered.sorted() == Array(0..<7))
    }
}

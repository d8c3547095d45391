import ConformanceKit
import ReferenceHarness
import ConceptValues
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import MockCanvas
import Synchronization
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Crash-restart as a fault, in-process: the checker restarts the reference between commands, and
/// after every restart its state must equal the model's.
@Suite struct RestartCheckerTests {
    typealias F = CheckerFixtures

    static let connect = CheckerCommand.connect(ConnectArguments(owner: 0, name: 0, token: .issued(0)))
    static let sync = CheckerCommand.sync(.connected(0), crashAfter: nil)

    /// A case whose world has visible assignments (so a sync records mappings), with `commands`.
    static func mappedCase(_ commands: [CheckerCommand]) -> CheckerCase {
        var seed: UInt64 = 1
        while true {
            let base = CommandGenerator().makeCase(index: 0, seed: seed)
            if base.world.world.courses.contains(where: { !$0.visibleAssignments(seesUnpublished: false).isEmpty }) {
                return base.with(commands: commands)
            }
            seed += 1
        }
    }

    @Test func restartIsACommandKindThatIsGeneratedAndShrunkAway() {
        #expect(CommandKind.restart.group == "restart")
        let generator = CommandGenerator(swarm: false)
        let commands = (0..<20).flatMap { generator.makeCase(index: $0, seed: CheckerCase.seed(runSeed: 3, index: $0)).commands }
        #expect(commands.contains(.restart))
        #expect(CheckerCommand.restart.description == "restart()")
        #expect(Shrinker.simplifications(of: .restart).isEmpty)
        let candidates = Shrinker.candidates([Self.connect, .restart, Self.sync], failure: Violation(
            code: .notDurable, phase: .commands, step: 3, call: "x", mismatch: Mismatch(path: "", expected: "", actual: ""), clauses: []))
        #expect(candidates.contains([Self.connect, Self.sync]), "a restart can be removed")
    }

    @Test func anImplementationThatCannotRestartSkipsTheCommand() async {
        let outcome = await CaseExecutor(provider: ReferenceScenarioProvider()).run(Self.mappedCase([Self.connect, Self.sync, .restart, Self.sync]))
        #expect(outcome.passed)
        #expect(outcome.commandsSkipped == 1)
        #expect(outcome.history.lines.contains { $0.hasPrefix("3 skip restart()") })
    }

    @Test(arguments: ["sqlite", "memory"])
    func theReferenceKeepsEverythingAcrossRestarts(storage: String) async {
        let provider = RestartableReferenceProvider(storage: storage == "sqlite" ? .sqlite() : .memory)
        let commands = [Self.connect, Self.sync, .restart, .getAssignments(.connected(0)), .disconnect(.connected(0)), .restart, Self.connect, Self.sync, .restart]
        let outcome = await CaseExecutor(provider: provider).run(Self.mappedCase(commands))
        #expect(outcome.passed, "\(outcome.violation.map(String.init(describing:)) ?? outcome.setupError ?? "")")
        #expect(outcome.commandsSkipped == 0)
        #expect(outcome.history.lines.filter { $0.contains("crashed and restarted") }.count == 3)
    }

    @Test func aStoreThatReopensEmptyIsReportedAsNotDurableAndShrunkToARestart() async {
        let forgetful = RestartableReferenceProvider(storage: .reopening(label: "forgetful") { InMemorySyncStore() })
        let outcome = await CaseExecutor(provider: forgetful).run(Self.mappedCase([Self.connect, Self.sync, .advanceClock(milliseconds: 1000), .restart, Self.sync]))
        let violation = outcome.violation
        #expect(violation != nil)
        #expect(violation?.code == .notDurable)
        #expect(violation?.step == 4)
        #expect(violation?.mismatch.detail?.contains("after a crash-restart") == true)

        var configuration = F.configuration(seed: F.seed(fallback: 0x5E57), cases: 30)
        configuration.maxShrinkRuns = 200
        let run = await Checker(configuration: configuration, provider: forgetful).run()
        let failure = run.failure
        #expect(failure != nil)
        #expect(failure?.violation.code == .notDurable)
        #expect(failure?.minimal.checkerCase.commands.last == .restart)
        #expect((failure?.minimal.checkerCase.commands.count ?? 99) <= 3, "\(failure?.minimal.checkerCase.description ?? "")")
    }

    @Test func aStoreThatLosesMappingsOnRestartIsCaughtOnTheMappings() async {
        let outcome = await CaseExecutor(provider: RestartableReferenceProvider(storage: Self.losingMappings))
            .run(Self.mappedCase([Self.connect, Self.sync, .restart]))
        let violation = outcome.violation
        #expect(violation != nil)
        #expect(violation?.code == .notDurable)
        #expect(violation?.call.hasPrefix("_getAssignmentsForSource") == true, "\(violation.map(String.init(describing:)) ?? "")")
        #expect(violation?.mismatch.detail?.contains("as mappings-differ") == true, "\(violation.map(String.init(describing:)) ?? "")")
    }

    @Test func theCheckersDefaultBudgetPassesAgainstTheSQLiteStoreWithRestarts() async {
        let directory = NSTemporaryDirectory() + "eas-restart-checker-\(StableHash.hex(CheckerConfiguration.randomSeed()))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = CheckerConfiguration.fromEnvironment()
        configuration.failureDirectory = nil
        let provider = RestartableReferenceProvider(storage: .sqlite(directory: directory))
        let run = await Checker(configuration: configuration, provider: provider).run { print($0) }
        #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
        #expect(run.casesRun == configuration.cases)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        #expect(left.isEmpty, "every case removed its database: \(left)")
    }

    /// A storage whose restart keeps the sources but drops every mapping.
    static var losingMappings: ReferenceStorage {
        ReferenceStorage(label: "loses mappings") { _ in
            let previous = Mutex<InMemorySyncStore?>(nil)
            return ReferenceStorage.Slot(open: {
                previous.withLock { previous in
                    let kept = previous.map { old in
                        let state = old.snapshot
                        let accounts = state.sources.values.sorted { $0.id.rawValue.count != $1.id.rawValue.count ? $0.id.rawValue.count < $1.id.rawValue.count : $0.id < $1.id }
                        return (try? SyncState(restoringSources: accounts, mappings: [], issuedSourceIDs: state.issuedSourceIDs)) ?? SyncState()
                    }
                    let next = InMemorySyncStore(kept ?? SyncState())
                    previous = next
                    return next
                }
            })
        }
    }
}

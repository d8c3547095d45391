import ConformanceKit
import ReferenceHarness
import ConceptValues
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The checker's concurrent phases: what the generator draws, how shrinking treats them, the
/// timeline, the scenario step, and the reference passing them served over HTTP with both stores.
@Suite struct ConcurrentPhaseTests {
    typealias F = CheckerFixtures

    static func phases(_ commands: [CheckerCommand]) -> [[[CheckerCommand]]] {
        commands.compactMap { if case .concurrently(let clients) = $0 { clients } else { nil } }
    }

    @Test func phasesHoldTwoToFourClientsOfConceptCallsAndEveryCaseHasThem() {
        let generator = CommandGenerator()
        var withPhase = 0
        for index in 0..<50 {
            let phases = Self.phases(generator.makeCase(index: index, seed: CheckerCase.seed(runSeed: 3, index: index)).commands)
            if !phases.isEmpty { withPhase += 1 }
            for clients in phases {
                #expect((2...4).contains(clients.count), "\(clients)")
                for call in clients.joined() {
                    #expect([.connect, .disconnect, .poll, .identify, .record, .getSources, .getMapped, .getAssignments].contains(call.kind), "\(call)")
                }
            }
        }
        #expect(withPhase >= 40, "concurrency is a core kind: nearly every case races (\(withPhase) of 50)")
    }

    @Test func shrinkingKeepsAtLeastTwoClients() {
        let record = CheckerCommand.record(.connected(1), AssignmentRef(5, unmapped: true), internalNumber: 7, shift: .hourLater)
        let phase = CheckerCommand.concurrently([[record], [record], [record, .poll(.connected(1))]])
        let candidates = Shrinker.simplifications(of: phase)
        #expect(!candidates.isEmpty)
        for candidate in candidates {
            guard case .concurrently(let clients) = candidate else {
                Issue.record("a phase shrank into \(candidate)")
                continue
            }
            #expect(clients.count >= 2, "\(candidate)")
        }
        #expect(candidates.contains(.concurrently([[record], [record]])), "fewer clients")
        #expect(candidates.contains(.concurrently([[record], [record], [record]])), "fewer calls")
    }

    /// A search past its bound ends the case without a verdict: no violation, the reason kept, and
    /// nothing after the phase is judged.
    @Test func aPhaseWhoseSearchHitsItsBoundIsInconclusiveNotAPass() async throws {
        let connect = CheckerCommand.connect(ConnectArguments(owner: 0, name: 0, token: .issued(0)))
        let phase = CheckerCommand.concurrently([[connect], [connect], [.getSources(owner: 0)]])
        let checkerCase = CommandGenerator().makeCase(index: 0, seed: 5).with(commands: [phase, .getSources(owner: 0)])
        var executor = CaseExecutor(provider: ReferenceScenarioProvider())
        executor.linearizabilityBound = 1
        let outcome = await executor.run(checkerCase)
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
        let why = try #require(outcome.inconclusive, "the bound was hit")
        #expect(why.contains("gave up after"))
        #expect(outcome.commandsRun == 1, "the command after the phase did not run")
        executor.linearizabilityBound = Linearizability.defaultBound
        let decided = await executor.run(checkerCase)
        #expect(decided.inconclusive == nil && decided.violation == nil && decided.commandsRun == 2)
    }

    @Test func theTimelineHasAColumnPerClientAndMarksWaiting() {
        let connect = F.connect()
        let phase = ConcurrentPhaseRecord(calls: [
            ConcurrentCall(client: 0, position: 0, call: connect, outcome: .answered(.sourceAccount("s-1")), invoked: 1, completed: 4),
            ConcurrentCall(client: 1, position: 0, call: connect, outcome: .answered(.sourceAccount("s-2")), invoked: 2, completed: 3),
        ])
        let lines = ConcurrentTimeline.render(phase, width: 56)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("tick  client 1") && lines[0].contains("client 2"))
        #expect(lines[1].contains("> connectSource(owner: ada, sourceName: \"Canvas\")"), "\(lines)")
        #expect(!lines.joined().contains(F.token), "no token in a timeline")
        // At tick 3 client 1 is still waiting while client 2 is answered.
        #expect(lines[3].contains("|") && lines[3].contains("< {sourceAccount:"), "\(lines)")
        #expect(lines[3].firstRange(of: "|")!.lowerBound < lines[3].firstRange(of: "<")!.lowerBound)
    }

    @Test func aConcurrentlyStepRoundTripsThroughTheWriter() throws {
        let text = """
            id: test.concurrently
            title: Two clients
            spec: [interp.concurrent-calls]
            level: MUST
            world: worlds/basic.yaml
            steps:
              - concurrently:
                  - - call: connectSource
                      with: {owner: alice, sourceType: Canvas, sourceName: A, details: {apiToken: tok-alice, baseUrl: $canvas}}
                      capture: s1
                  - - call: _getSourcesForUser
                      with: {user: alice}
              - suspend_faults
              - resume_faults
              - call: _getSourcesForUser
                with: {user: alice}
                expect: {sources: [{id: $s1}]}

            """
        let scenario = try ScenarioLoader().parse(text, file: "inline.yaml", root: ScenarioTestSupport.scenariosRoot)
        guard case .concurrently(let clients) = scenario.steps[0].action else {
            Issue.record("not a concurrently step: \(scenario.steps[0])")
            return
        }
        #expect(clients.map(\.count) == [1, 1])
        let written = try ScenarioWriter.yaml(scenario)
        let again = try ScenarioLoader().parse(written, file: "written.yaml", root: ScenarioTestSupport.scenariosRoot)
        #expect(again.steps.map(\.action) == scenario.steps.map(\.action), "\(written)")
    }

    @Test func aMalformedConcurrentlyStepNamesItsLineAndField() {
        let header = "id: t\ntitle: t\nspec: [interp.concurrent-calls]\nlevel: MUST\nworld: worlds/basic.yaml\nsteps:\n"
        let oneClient = header + "  - concurrently:\n      - - call: _getSourcesForUser\n          with: {user: alice}\n"
        let usesOwnCapture = header + """
              - concurrently:
                  - - call: connectSource
                      with: {owner: alice, sourceType: Canvas, sourceName: A, details: {apiToken: tok-alice, baseUrl: $canvas}}
                      capture: s1
                  - - call: disconnectSource
                      with: {sourceAccount: $s1}

            """
        for (text, code) in [(oneClient, ScenarioError.Code.invalidValue), (usesOwnCapture, .unknownBinding)] {
            do {
                _ = try ScenarioLoader().parse(text, file: "bad.yaml", root: ScenarioTestSupport.scenariosRoot)
                Issue.record("accepted:\n\(text)")
            } catch {
                #expect(error.code == code, "\(error)")
                #expect(error.location.file == "bad.yaml")
                #expect((error.location.line ?? 0) >= 7, "\(error)")
                #expect(error.location.field?.hasPrefix("steps[0].concurrently") ?? false, "\(error)")
            }
        }
    }

    /// The served reference (its own clock, as `conformance serve` runs it) passes the checker's
    /// concurrent phases with the in-memory store and with SQLite.
    @Test(arguments: ServedConcurrencyTests.Store.allCases)
    func theServedReferencePassesTheConcurrentPhases(store: ServedConcurrencyTests.Store) async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var options = ReferenceImplementation.Options()
        options.logger = HTTPFixtures.quietLogger
        if store == .sqlite { options.store = try SQLiteSyncStore(path: directory + "/state.sqlite") }
        try await withReferenceServer(options: options, logger: HTTPFixtures.quietLogger) { served in
            var configuration = F.configuration(seed: 91, cases: 16)
            configuration.policy = ModelPolicy(match: .strictHTTP)
            configuration.jobs = 2
            let checker = Checker(configuration: configuration, provider: HTTPVerdictTests.provider(served.baseURL))
            let phases = (0..<configuration.cases).map { Self.phases(checker.makeCase($0).commands).count }.reduce(0, +)
            #expect(phases >= 16, "the budget races (\(phases) phases)")
            let run = await checker.run()
            #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
        }
    }
}

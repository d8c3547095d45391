import ConformanceKit
import ReferenceHarness
import MockServerCore
import ConceptValues
import ExternalAssignmentSync
import KitPrimitives
import Logging
import Synchronization
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The runner: determinism, verdicts, diffs, timeouts, isolation of a shared implementation.
@Suite("Scenario runner")
struct ScenarioRunnerTests {
    static let principle = "principle/principle-trace.yaml"

    func load(_ relative: String) throws -> Scenario {
        try ScenarioTestSupport.loader.load(file: ScenarioTestSupport.scenariosRoot + "/" + relative)
    }

    func parse(_ steps: String, id: String = "test.runner") throws -> Scenario {
        let text = """
            id: \(id)
            title: Runner test
            spec: [principle]
            level: SHOULD
            world: worlds/basic.yaml
            steps:

            """ + steps
        return try ScenarioTestSupport.loader.parse(text, file: "\(id).yaml")
    }

    @Test("The same seed twice gives the same history digest, for every scenario of the corpus")
    func determinism() async throws {
        let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot)
        let runner = ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(seed: 7, maxConcurrentScenarios: 4))
        let first = await runner.run(loaded)
        let second = await runner.run(loaded)
        #expect(first.verdicts.allSatisfy { $0.outcome == .pass })
        #expect(first.verdicts.map(\.scenarioID) == second.verdicts.map(\.scenarioID))
        for (a, b) in zip(first.verdicts, second.verdicts) {
            #expect(a.history == b.history, "\(a.scenarioID) differs between two runs with one seed")
        }
        #expect(first.digest == second.digest)
        // The history names origins by their built-in names, never a port, and never holds a token.
        let principle = try #require(first.verdicts.first)
        #expect(principle.scenarioID == "principle.trace")
        #expect(principle.history.text.contains("$canvas"))
        #expect(!principle.history.text.contains("127.0.0.1"))
        #expect(!principle.history.text.contains("tok-alice"))
        #expect(principle.history.events.contains { $0.kind == "request" })
    }

    @Test("Another seed gives each scenario another seed")
    func seeds() async throws {
        let scenario = try load(Self.principle)
        let a = await ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(seed: 1)).run(scenario)
        let b = await ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(seed: 2)).run(scenario)
        #expect(a.seed == SplitMix64.derive(1, scenario.id))
        #expect(a.seed != b.seed)
    }

    @Test("A wrong expectation fails with the step, its line and a readable diff; later steps do not run")
    func failingVerdict() async throws {
        let scenario = try parse("""
              - call: connectSource
                with: {owner: alice, sourceType: Canvas, sourceName: A, details: {apiToken: tok-alice, baseUrl: $canvas}}
                expect: {sourceAccount: $s1}
              - call: pollExternalSource
                with: {sourceAccount: $s1}
                expect:
                  rawExternalAssignments: [{externalId: "50001", details: {name: Problem Set One}}, {externalId: "50002"}, {externalId: "50003"}, {externalId: "60001"}, {externalId: "60002"}]
              - call: _getSourcesForUser
                with: {user: alice}

            """)
        let verdict = await ScenarioRunner(provider: ReferenceScenarioProvider()).run(scenario)
        #expect(verdict.outcome == .fail)
        #expect(verdict.level == .should)
        #expect(verdict.failure?.step == 2)
        #expect(verdict.failure?.line == 10)
        #expect(verdict.failure?.mismatch.path == "rawExternalAssignments[externalId=50001].details.name")
        #expect(verdict.failure?.mismatch.expected == "\"Problem Set One\"")
        #expect(verdict.failure?.mismatch.actual == "\"Problem Set 1\"")
        #expect(verdict.reason?.contains("step 2 (line 10)") == true)
        #expect(verdict.trace.contains { $0.contains("1 later step not run") })
        #expect(!verdict.history.events.contains { $0.text.contains("_getSourcesForUser") })
    }

    @Test("A call that never answers is an error verdict with the timeout code")
    func timeout() async throws {
        let scenario = try parse("""
              - call: _getSourcesForUser
                with: {user: alice}
                expect: {sources: []}

            """)
        let hanging = FactoryImplementationProvider(label: "hangs") { _ in Hanging() }
        let verdict = await ScenarioRunner(provider: hanging, configuration: .init(callTimeout: .milliseconds(100))).run(scenario)
        #expect(verdict.outcome == .error)
        #expect(verdict.errorCode == "timeout")
    }

    @Test("A harness error from the implementation is an error verdict; the run goes on")
    func harnessError() async throws {
        let scenarios = [try parse("  - call: _getSourcesForUser\n    with: {user: alice}\n", id: "test.one"), try parse("  - mark\n", id: "test.two")]
        let broken = FactoryImplementationProvider(label: "broken") { _ in Broken() }
        let verdicts = await ScenarioRunner(provider: broken).run(scenarios)
        try #require(verdicts.map(\.outcome) == [.error, .pass])
        #expect(verdicts[0].errorCode == "connection-lost")
    }

    @Test("Scenarios with an excluded feature are skipped with a reason")
    func skip() async throws {
        let scenario = try load("security/security-cross-origin-redirect-poll.yaml")
        let verdict = await ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(excludedFeatures: ["redirect"])).run(scenario)
        #expect(verdict.outcome == .skip)
        #expect(verdict.reason == "feature 'redirect' is excluded")
    }

    @Test("The whole corpus passes against one shared implementation on its own clock, scenarios isolated by prefixes")
    func sharedIsolation() async throws {
        let scenarios = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot).scenarios
        // The reference as a server would run it: the system clock, ids shared by every scenario.
        var options = ReferenceScenarioProvider.simulationOptions()
        options.canvas.maxConcurrentCourses = ReferenceImplementation.Options().canvas.maxConcurrentCourses
        let verdicts = try await ReferenceImplementation.withService(options) { service in
            let shared = SharedImplementationProvider(Recording(inner: InProcessImplementation(service: service)))
            let runner = ScenarioRunner(provider: shared, configuration: .init(seed: 3, maxConcurrentScenarios: 4, policy: .strictHTTP, isolationTag: "run1", sources: SourcePlatform.allCases))
            let first = await runner.run(scenarios)
            // The same scenarios again on the same implementation: a fresh tag keeps them apart.
            let again = await ScenarioRunner(provider: shared, configuration: .init(seed: 3, maxConcurrentScenarios: 4, policy: .strictHTTP, isolationTag: "run2", sources: SourcePlatform.allCases)).run(scenarios)
            return first + again
        }
        #expect(verdicts.allSatisfy { $0.outcome == .pass }, "\(verdicts.filter { $0.outcome != .pass }.map(ScenarioTestSupport.explain))")
        let cases = ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(sources: SourcePlatform.allCases)).cases(scenarios)
        #expect(verdicts.count == 2 * cases.count)
        #expect(verdicts.contains { $0.source == .gitHubClassroom })
        #expect(verdicts.allSatisfy { $0.isolationPrefix.hasPrefix("run") })
        let firstVerdict = try #require(verdicts.first)
        #expect(!firstVerdict.history.text.contains("run1-"))
    }

    @Test("Loading a directory with a filter, and load errors as error verdicts")
    func loadAndFilter() async throws {
        let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot, filter: ScenarioFilter("disconnect.*"))
        #expect(loaded.errors.isEmpty)
        #expect(!loaded.scenarios.isEmpty && loaded.scenarios.allSatisfy { $0.id.hasPrefix("disconnect.") })
        var withError = loaded
        withError.errors.append(ScenarioError(.syntax, "broken", location: .init(file: "x.yaml", line: 3)))
        let report = await ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(maxConcurrentScenarios: 2)).run(withError)
        #expect(report.verdicts.first?.outcome == .error)
        #expect(report.count(.pass) == loaded.scenarios.count)
        #expect(report.summary.contains("1 errors"))
    }

    @Test("The principle trace runs first")
    func principleFirst() {
        #expect(ScenarioTestSupport.scenarioFiles.first == Self.principle)
    }
}

/// Never answers (until cancelled).
struct Hanging: ImplementationUnderTest {
    var label: String { "hangs" }
    func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        // A stream that never yields: iterating it suspends until the runner's timeout cancels us.
        let (silence, continuation) = AsyncStream.makeStream(of: Never.self)
        for await _ in silence {}
        continuation.finish()
        return .failure(HarnessError(.timeout, "cancelled"))
    }
}

/// Always loses the connection.
struct Broken: ImplementationUnderTest {
    var label: String { "broken" }
    func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        .failure(HarnessError(.connectionLost, "reset by peer"))
    }
}

/// Passes calls through (a stand-in for a server shared by every scenario).
struct Recording: ImplementationUnderTest {
    let inner: InProcessImplementation
    var label: String { "shared" }
    func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> { await inner.perform(call) }
}

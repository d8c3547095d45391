import ConformanceKit
import ReferenceHarness
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// GitHub Classroom runs fail readably, and `sources:` is checked when files load.
@Suite("GitHub Classroom scenario runs")
struct GitHubScenarioFailureTests {
    static func scenario(_ text: String) throws(ScenarioError) -> Scenario {
        try ScenarioTestSupport.loader.parse(text, file: "poll/x.yaml", root: ScenarioTestSupport.scenariosRoot)
    }

    static let header = """
        id: poll.wrong
        title: A deliberately wrong expectation
        spec: [pollExternalSource.effects.retrieves]
        level: MUST
        world: worlds/basic.yaml
        steps:
          - call: connectSource
            with: {owner: alice, sourceType: Canvas, sourceName: C, details: {apiToken: tok-alice, baseUrl: $canvas}}
            expect: {sourceAccount: $s1}

        """

    @Test("A wrong expectation fails on GitHub Classroom with the case id, step and differing path")
    func wrongExpectationFails() async throws {
        let scenario = try Self.scenario(Self.header + """
              - call: pollExternalSource
                with: {sourceAccount: $s1}
                expect: {rawExternalAssignments: {contains: [{externalId: "50001", details: {name: Problem Set 9}}]}}
            """)
        #expect(scenario.sourcePlatforms == SourcePlatform.allCases)
        let runner = ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(seed: 1, sources: [.gitHubClassroom]))
        let verdicts = await runner.run([scenario])
        let verdict = try #require(verdicts.first)
        #expect(verdicts.count == 1)
        #expect(verdict.scenarioID == "poll.wrong[github-classroom]")
        #expect(verdict.source == .gitHubClassroom)
        #expect(verdict.outcome == .fail)
        let reason = verdict.reason ?? ""
        #expect(reason.contains("step 2"), "\(reason)")
        #expect(reason.contains("Problem Set 9"), "\(reason)")
        #expect(verdict.trace.contains { $0.contains("GitHub Classroom") })
    }

    @Test("A Canvas timestamp in the file is replaced by the fingerprint stamp, checked exactly")
    func stampsAreExact() async throws {
        let scenario = try Self.scenario(Self.header + """
              - clock: {advance: 60}
              - call: pollExternalSource
                with: {sourceAccount: $s1}
                expect: {rawExternalAssignments: {contains: [{externalId: "50001", externalModificationTimestamp: "2025-08-30T10:00:00Z"}]}}
            """)
        let both = await ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(seed: 1, sources: SourcePlatform.allCases))
            .run([scenario])
        #expect(both.map(\.scenarioID) == ["poll.wrong", "poll.wrong[github-classroom]"])
        let explained = both.map { ScenarioTestSupport.explain($0) }.joined(separator: "\n")
        let allPassed = both.allSatisfy { $0.passed }
        #expect(allPassed, "\(explained)")
    }

    @Test("A bad sources: names the file, line and field", arguments: [
        ("sources: [Moodle]", "unknown source type 'Moodle'"),
        ("sources: Canvas", "sources is a list"),
        ("sources: [Canvas, canvas]", "listed twice"),
        ("sources: []", "at least one"),
    ])
    func badSources(_ line: String, _ message: String) throws {
        let text = Self.header.replacing( "world: worlds/basic.yaml", with: "\(line)\nworld: worlds/basic.yaml")
        do throws(ScenarioError) {
            _ = try Self.scenario(text)
            Issue.record("\(line) loaded")
        } catch {
            #expect(error.description.hasPrefix("poll/x.yaml:5:"), "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.location.field?.hasPrefix("sources") == true, "\(error)")
        }
    }

    @Test("An untranslatable scenario without sources: is a load error that says what to add")
    func untranslatableNeedsSources() throws {
        let text = Self.header + "  - rate_limit: {high_water: 5}\n"
        #expect(throws: ScenarioError.self) { try Self.scenario(text) }
        do throws(ScenarioError) {
            _ = try Self.scenario(text)
        } catch {
            #expect(error.description.contains("sources: [Canvas]"), "\(error)")
        }
        let marked = try Self.scenario(text.replacing( "world: worlds/basic.yaml", with: "sources: [Canvas]\nworld: worlds/basic.yaml"))
        #expect(marked.sourcePlatforms == [.canvas])
    }

    @Test("github: steps need sources: [GitHub Classroom]")
    func gitHubStepsNeedGitHubOnly() throws {
        let text = Self.header + "  - github: {change: delete_assignment, id: 50001}\n"
        #expect(throws: ScenarioError.self) { try Self.scenario(text) }
        let gitHubOnly = try Self.scenario(
            text.replacing( "world: worlds/basic.yaml", with: "sources: [GitHub Classroom]\nworld: worlds/basic.yaml"))
        #expect(gitHubOnly.sourcePlatforms == [.gitHubClassroom])
    }
}

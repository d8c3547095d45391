import ConformanceKit
import ReferenceHarness
import ConceptValues
import Foundation
import KitPrimitives
import Logging
import MockCanvas
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The checker with the source platform as a dimension: cases split between Canvas and GitHub
/// Classroom, correct implementations pass on both, a run is a function of its seed on each, and
/// platform commands reach the GitHub Classroom mock through the translation.
@Suite struct CheckerGitHubTests {
    typealias F = CheckerFixtures

    static func configuration(seed: UInt64, cases: Int, on platforms: [SourcePlatform]) -> CheckerConfiguration {
        var configuration = F.configuration(seed: seed, cases: cases)
        configuration.platforms = platforms
        return configuration
    }

    /// Under other seeds than the gallery's, on each platform alone: every case of a mixed run of
    /// the same seed and budget is one of these (``BugGalleryTests/aMixedRunsCasesAreThePerPlatformRunsCases()``).
    @Test(arguments: [UInt64(1), 2, 0xC0FFEE], SourcePlatform.allCases)
    func theReferenceAndTheCorrectMutantPassOnEachPlatform(seed: UInt64, platform: SourcePlatform) async {
        let configuration = Self.configuration(seed: seed, cases: 25, on: [platform])
        for provider in [ReferenceScenarioProvider() as any ImplementationProvider, MutantProvider(.none)] {
            let run = await Checker(configuration: configuration, provider: provider).run()
            #expect(run.passed, "\(provider.label) on \(platform): \(run.failure?.report ?? run.setupError ?? "")")
            #expect(run.casesPerPlatform[platform] == configuration.cases)
        }
    }

    @Test(arguments: SourcePlatform.allCases)
    func theSameSeedGivesTheSameRunOnEachPlatform(platform: SourcePlatform) async {
        let configuration = Self.configuration(seed: F.seed(fallback: 0x6172), cases: 5, on: [platform])
        let first = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run()
        let second = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run()
        #expect(first.passed && second.passed, "\(first.failure?.report ?? first.setupError ?? "")")
        #expect(F.differingCases(first, second) == [])
        #expect(first.digest == second.digest)
        #expect(first.calls == second.calls)
        let other = await Checker(configuration: Self.configuration(seed: configuration.seed, cases: 5, on: [platform == .canvas ? .gitHubClassroom : .canvas]),
            provider: ReferenceScenarioProvider()).run()
        #expect(other.digest != first.digest, "the platform is part of the run")
    }

    @Test func overHTTPTheServedReferencePassesOnGitHubClassroomWithItsOwnClock() async throws {
        var options = ReferenceImplementation.Options()
        options.logger = Logger(label: "checker-github-http") { _ in SwiftLogNoOpLogHandler() }
        try await withReferenceServer(options: options, logger: options.logger) { served in
            var http = HTTPImplementation.Configuration(baseURL: served.baseURL)
            http.timeout = HTTPFixtures.healthyCallTimeout
            var configuration = Self.configuration(seed: F.seed(fallback: 0x6169), cases: 8, on: [.gitHubClassroom])
            configuration.policy = ModelPolicy(match: .strictHTTP)
            let run = await Checker(configuration: configuration, provider: HTTPImplementationProvider(configuration: http)).run()
            #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
            #expect(run.casesPerPlatform == [.gitHubClassroom: 8])
        }
    }

    @Test func theDefaultBudgetIsSplitBetweenBothPlatformsInBalancedBlocks() throws {
        let configuration = F.configuration(seed: 99)
        #expect(configuration.platforms == [.canvas, .gitHubClassroom])
        let platforms = (0..<configuration.cases).map(configuration.platform(forCase:))
        #expect(platforms.count(where: { $0 == .canvas }) == configuration.cases / 2)
        try #require(platforms.count.isMultiple(of: 2), "the default budget is whole blocks of two")
        for block in stride(from: 0, to: platforms.count, by: 2) {
            #expect(Set(platforms[block..<block + 2]) == Set(SourcePlatform.allCases), "block \(block / 2) holds each platform once")
        }
        // A shard (`i % 2`) still runs on both platforms; the choice is the seed's, not the index's parity.
        let shard = CheckerConfiguration.Shard(index: 0, count: 2)
        #expect(Set(platforms.indices.filter(shard.includes).map { platforms[$0] }).count == 2)
        #expect((0..<100).map { CheckerCase.platform(runSeed: 7, index: $0, among: [.canvas, .gitHubClassroom]) } != platforms)
        // One platform: every case on it; the same seed, the same split; the case carries its platform.
        let canvasOnly = Self.configuration(seed: 99, cases: 10, on: [.canvas])
        #expect((0..<10).allSatisfy { canvasOnly.platform(forCase: $0) == .canvas })
        let checker = Checker(configuration: configuration, provider: ReferenceScenarioProvider())
        #expect(checker.makeCase(3).platform == configuration.platform(forCase: 3))
        #expect(checker.makeCase(3).name == "case-3" + configuration.platform(forCase: 3).reportSuffix)
        #expect(CheckerConfiguration.fromEnvironment(["EAS_SEED": "1", "EAS_SOURCE_TYPES": "github-classroom"]).platforms == [.gitHubClassroom])
        #expect(CheckerConfiguration.fromEnvironment(["EAS_SEED": "1"]).platforms == SourcePlatform.allCases)
    }

    @Test func aCaseIsTheSameWorldAndCommandsOnEitherPlatform() {
        let generator = CommandGenerator()
        let canvas = generator.makeCase(index: 4, seed: 1234)
        let gitHub = generator.makeCase(index: 4, seed: 1234, platform: .gitHubClassroom)
        #expect(canvas.world == gitHub.world)
        #expect(canvas.commands == gitHub.commands)
        #expect(canvas != gitHub)
        #expect(gitHub.description.hasPrefix("case 4 on GitHub Classroom (seed "))
    }

    @Test(arguments: ["reference", "mutant"])
    func platformCommandsReachTheGitHubClassroomMockThroughTheTranslation(implementation: String) async throws {
        let provider: any ImplementationProvider = implementation == "reference" ? ReferenceScenarioProvider() : MutantProvider(.none)
        let base = try #require((0..<256).lazy.map { CommandGenerator().makeCase(index: 0, seed: $0, platform: .gitHubClassroom) }.first {
            let visible = Self.visibleToAda($0)
            return visible.count >= 2 && visible.first == Self.firstAssignment($0)
        })
        let connect = CheckerCommand.connect(ConnectArguments(owner: 0, name: 0, token: .issued(0)))
        let commands: [CheckerCommand] = [
            connect, .sync(.connected(0), crashAfter: nil),
            .renameAssignment(AssignmentRef(0)), .moveDueDate(AssignmentRef(0), hours: 24), .poll(.connected(0)),
            .advanceClock(milliseconds: 250), .unpublishAssignment(AssignmentRef(1)), .sync(.connected(0), crashAfter: nil),
            .publishAssignment(AssignmentRef(1)), .addAssignment(course: 0, published: true), .setTimestampStyle(1),
            .addCourse(user: 0, assignments: 3), .sync(.connected(0), crashAfter: nil),
            .deleteAssignment(AssignmentRef(0)), .revokeToken(.issued(0)), .poll(.connected(0)),
        ]
        let outcome = await CaseExecutor(provider: provider).run(base.with(commands: commands))
        #expect(outcome.passed, "\(outcome.violation.map(String.init(describing:)) ?? outcome.setupError ?? "")\n\(outcome.history.lines.joined(separator: "\n"))")
        let lines = outcome.history.lines
        #expect(lines.contains { $0.hasPrefix("11 skip setTimestampStyle") }, "GitHub Classroom has no timestamp styles")
        let polls = outcome.history.events.compactMap { entry -> ConceptResult? in
            guard case .call(.pollExternalSource, _, let actual, false) = entry.event else { return nil }
            return actual
        }
        try #require(polls.count == 6, "five polls in the commands, one in the heal phase")
        guard case .rawExternalAssignments(let renamed) = polls[1] else { Issue.record("the second poll failed: \(polls[1])"); return }
        #expect(renamed.contains { $0.details.name.hasSuffix("(v1)") && $0.details.description == nil }, "rename → title")
        #expect(renamed.allSatisfy { $0.externalModificationTimestamp >= base.world.world.clock }, "stamps are poll times")
        guard case .rawExternalAssignments(let added) = polls[3] else { Issue.record("the fourth poll failed: \(polls[3])"); return }
        #expect(added.contains { $0.details.name.hasPrefix("New ") }, "addAssignment → add_assignment")
        #expect(added.contains { $0.externalId.hasPrefix("9") && $0.details.name.hasPrefix("Assignment 9") }, "addCourse → add_classroom")
        guard case .error(let revoked) = polls[4] else { Issue.record("a poll with a revoked token succeeded"); return }
        #expect(revoked.name == "SourceConnectionError", "revoke_token → 401 Bad credentials")
    }

    /// The assignment `AssignmentRef(0)` names at the start: the lowest id of the world.
    static func firstAssignment(_ checkerCase: CheckerCase) -> String? {
        checkerCase.world.world.courses.flatMap(\.assignments).map(\.id).min().map { String($0) }
    }

    /// Published assignments of the courses Ada (user 101) is enrolled in, in id order.
    static func visibleToAda(_ checkerCase: CheckerCase) -> [String] {
        checkerCase.world.world.courses.filter { $0.enrollments.contains { $0.user == 101 } }
            .flatMap { $0.visibleAssignments(seesUnpublished: false) }.map(\.id).sorted().map { String($0) }
    }
}

import ConformanceKit
import Foundation
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Every mutant of the gallery is caught on every source platform it means something on, within
/// the default budget with every case on that platform, with a short counterexample that names its
/// source; the mutant without a bug passes on each platform.
@Suite struct BugGalleryPlatformTests {
    static let seed = GalleryResults.seed

    @Test(arguments: MutantBug.gallery, SourcePlatform.allCases)
    func eachBugIsCaughtOnEachPlatform(bug: MutantBug, platform: SourcePlatform) async throws {
        guard bug.platforms.contains(platform) else { return }
        let result = await GalleryResults.shared.result(bug, on: platform)
        let tableLine = try #require(BugGallery.table([result]).split(separator: "\n").last)
        print("seed \(Self.seed): " + tableLine)
        #expect(result.caught, "\(bug) survived \(CheckerConfiguration.defaultCases) cases on \(platform)")
        let failure = try #require(result.failure)
        #expect(failure.reproduced)
        #expect(failure.minimal.checkerCase.platform == platform)
        #expect(failure.original.checkerCase.platform == platform)
        #expect(try #require(result.shrunkLength) <= 8, "\(failure.report)")
        #expect(failure.report.contains("source type \(platform.sourceType)"))
        let scenario = FailureScenario.scenario(for: failure)
        #expect(scenario.sources == [platform])
    }

    @Test(arguments: SourcePlatform.allCases)
    func theMutantWithoutABugPassesOnEachPlatform(platform: SourcePlatform) async {
        var configuration = CheckerFixtures.configuration(seed: Self.seed)
        configuration.platforms = [platform]
        let run = await Checker(configuration: configuration, provider: MutantProvider(.none)).run()
        #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
    }

    /// The fingerprint bugs exist only on GitHub Classroom, the double-precision ids only in the
    /// Canvas client; every other bug is caught on both platforms.
    @Test func onlyTheFingerprintBugsAreGitHubClassroomOnlyAndOnlyTheIdBugIsCanvasOnly() {
        let gitHubOnly = MutantBug.gallery.filter { $0.platforms == [.gitHubClassroom] }
        let canvasOnly = MutantBug.gallery.filter { $0.platforms == [.canvas] }
        #expect(gitHubOnly == [.unchangedContentRestamped, .changedContentKeepsStamp])
        #expect(canvasOnly == [.idsThroughDouble])
        #expect(MutantBug.galleryByPlatform.count == 2 * MutantBug.gallery.count - gitHubOnly.count - canvasOnly.count)
    }

    @Test func aGitHubClassroomFailureIsAScenarioForGitHubClassroomThatReplays() async throws {
        let directory = CheckerFixtures.temporaryDirectory()
        defer { if ProcessInfo.processInfo.environment["EAS_KEEP"] == nil { try? FileManager.default.removeItem(atPath: directory) } }
        var configuration = CheckerFixtures.configuration(seed: 77)
        configuration.platforms = [.gitHubClassroom]
        configuration.failureDirectory = directory
        for bug in [MutantBug.onlyFirstPage, .changedContentKeepsStamp, .timestampsGreaterOrEqual] {
            let failure = try #require(await Checker(configuration: configuration, provider: MutantProvider(bug)).run().failure, "\(bug)")
            let file = try #require(failure.scenarioFile)
            #expect(file.hasSuffix(".github-classroom.yaml"))
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("sources: [GitHub Classroom]"), "\(text)")
            #expect(!text.contains("sourceType: Canvas"), "connects name GitHub Classroom")
            let scenario = try ScenarioLoader().load(file: file)
            #expect(scenario.sourcePlatforms == [.gitHubClassroom])
            let runner = ScenarioRunner(provider: MutantProvider(bug), configuration: .init(seed: 1, sources: [.gitHubClassroom]))
            let replayed = await runner.run(scenario)
            #expect(replayed.outcome == .fail, "\(bug): \(replayed.reason ?? "")\n\(text)")
            #expect(replayed.source == .gitHubClassroom)
            let correct = await ScenarioRunner(provider: MutantProvider(.none), configuration: .init(seed: 1, sources: [.gitHubClassroom])).run(scenario)
            #expect(correct.outcome == .pass, "\(bug): \(correct.reason ?? "")\n\(text)")
        }
    }
}

import ConformanceKit
import ReferenceHarness
import Foundation
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// A failure is saved as a scenario file that the scenario runner replays: it fails against the
/// mutant that produced it and passes against the reference.
@Suite struct CheckerReplayTests {
    @Test(arguments: [
        MutantBug.timestampsGreaterOrEqual, .disconnectKeepsMappings, .rateLimitAsNetworkError, .onlyFirstPage, .lastPollSetOnFailure,
        .repeatedExternalIdKeptTwice, .tokenInSources, .reconnectResurrectsMappings,
    ])
    func aFailureIsWrittenAsAScenarioThatReproducesIt(bug: MutantBug) async throws {
        let directory = CheckerFixtures.temporaryDirectory()
        // EAS_KEEP=1 keeps the written scenario for inspection.
        defer { if ProcessInfo.processInfo.environment["EAS_KEEP"] == nil { try? FileManager.default.removeItem(atPath: directory) } }
        // The gallery's Canvas run of this bug (shared with BugGalleryPlatformTests), written here.
        let failure = try #require(await GalleryResults.shared.result(bug, on: .canvas).failure, "\(bug) survived")
        let file = try FailureScenario.write(failure, to: directory)
        #expect(file.hasPrefix(directory) && file.hasSuffix(".yaml"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains("tok-") || text.contains("apiToken"), "tokens only where a call needs them")
        let scenario = try ScenarioLoader().load(file: file)
        #expect(scenario.id.hasPrefix("checker."))

        let replayed = await ScenarioRunner(provider: MutantProvider(bug), configuration: .init(seed: 1)).run(scenario)
        #expect(replayed.outcome == .fail, "\(replayed.reason ?? "")\n\(text)")
        let reference = await ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(seed: 1)).run(scenario)
        #expect(reference.outcome == .pass, "\(reference.reason ?? "")\n\(text)")
    }

    @Test func theReportNamesTheSeedsTheMinimalSequenceAndTheReplayCommand() async throws {
        let directory = CheckerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = CheckerFixtures.configuration(seed: 5)
        configuration.failureDirectory = directory
        let failure = try #require(await Checker(configuration: configuration, provider: MutantProvider(.duplicateNameCheckMissing)).run().failure)
        let report = failure.report
        #expect(report.contains("run seed 5"))
        #expect(report.contains("case seed \(failure.minimal.checkerCase.seedText)"))
        #expect(report.contains("1. connect(") || report.contains("1. concurrently(client 1: connect("), "\(report)")
        #expect(report.contains("conformance replay \(failure.scenarioFile ?? "?")"))
        #expect(!report.contains("tok-"))
    }
}

import ConformanceKit
import ReferenceHarness
import ConceptValues
import Foundation
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The races real servers have, over HTTP: each gallery race bug is caught by the checker's
/// concurrent phases at a small budget, shrunk to a phase that keeps two clients, reported with a
/// timeline, and written as a file that re-issues the race (failing again against the bug within
/// five tries) and that a correct server passes every time.
@Suite struct ConcurrencyVerdictTests {
    typealias F = CheckerFixtures

    func withServedMutant<R: Sendable>(_ bug: MutantBug, _ body: (String) async throws -> R) async throws -> R {
        try await ReferenceHarness.withServedMutant(bug, platformTimeout: ReferenceScenarioProvider.healthyTimeout, logger: HTTPFixtures.quietLogger, body)
    }

    func replay(_ scenario: Scenario, against base: String) async -> ScenarioVerdict {
        await ScenarioRunner(
            provider: HTTPVerdictTests.provider(base),
            configuration: .init(seed: 1, callTimeout: HTTPFixtures.healthyCallTimeout + .seconds(5), policy: .strictHTTP)
        ).run(scenario)
    }

    static let expectedCodes: [MutantBug: Violation.Code] = [
        .duplicateCheckNotAtomic: .notLinearizable, .recordFindThenInsert: .duplicateMapping, .recordRacesDisconnect: .delink,
    ]

    @Test(arguments: [MutantBug.duplicateCheckNotAtomic, .recordFindThenInsert, .recordRacesDisconnect])
    func aRaceIsCaughtOverHTTPAndItsFileReplaysTheRace(bug: MutantBug) async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = F.configuration(seed: 77, cases: 60)
        configuration.platforms = [.canvas]
        configuration.policy = ModelPolicy(match: .strictHTTP)
        configuration.failureDirectory = directory
        configuration.maxShrinkRuns = 60
        let file = try await withServedMutant(bug) { base in
            let failure = try #require(await Checker(configuration: configuration, provider: HTTPVerdictTests.provider(base)).run().failure, "\(bug) survived")
            #expect(failure.violation.code == Self.expectedCodes[bug], "\(failure.report)")
            let phase = try #require(failure.minimal.checkerCase.commands.last { $0.kind == .concurrent }, "the minimal case keeps its race\n\(failure.report)")
            if case .concurrently(let clients) = phase { #expect(clients.count >= 2, "\(phase)") }
            #expect(failure.report.contains("one column per client"), "\(failure.report)")
            #expect(failure.report.contains("client 2"), "\(failure.report)")
            let file = try #require(failure.scenarioFile)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("concurrently:"), "\(text)")
            let scenario = try ScenarioLoader().load(file: file)
            var outcomes: [ScenarioVerdict.Outcome] = []
            for _ in 0..<5 where !outcomes.contains(.fail) { outcomes.append(await replay(scenario, against: base).outcome) }
            #expect(outcomes.contains(.fail), "\(bug): the replay never caught the race again (\(outcomes))\n\(text)")
            #expect(!outcomes.contains(.error), "\(outcomes)")
            return file
        }
        try await withServedMutant(.none) { base in
            let scenario = try ScenarioLoader().load(file: file)
            for _ in 0..<3 {
                let correct = await replay(scenario, against: base)
                #expect(correct.outcome == .pass, "\(bug) against a correct server: \(correct.reason ?? "")")
            }
        }
    }
}

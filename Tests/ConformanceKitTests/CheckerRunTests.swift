import ConformanceKit
import ReferenceHarness
import ConceptValues
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Logging
import MockCanvas
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Whole checker runs: correct implementations pass, the same seed gives the same history, and
/// what the spec cannot promise comes out as findings.
@Suite struct CheckerRunTests {
    typealias F = CheckerFixtures

    @Test func theSameSeedGivesTheSameHistoryDigest() async {
        let configuration = F.configuration(seed: F.seed(fallback: 0xD15C), cases: 6)
        let first = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run()
        let second = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run()
        #expect(first.passed && second.passed)
        #expect(F.differingCases(first, second) == [])
        #expect(first.digest == second.digest)
        #expect(first.calls == second.calls)
        var other = configuration
        other.seed &+= 1
        let otherRun = await Checker(configuration: other, provider: ReferenceScenarioProvider()).run()
        #expect(otherRun.digest != first.digest)
        #expect(F.differingCases(first, otherRun).first?.hasPrefix("case 0 (seed ") == true, "the gate names the cases that differ")

        // A failing run is as repeatable: same case, same minimal sequence, same history.
        let buggy = F.configuration(seed: 77, cases: 20)
        let a = await Checker(configuration: buggy, provider: MutantProvider(.timestampsGreaterOrEqual)).run()
        let b = await Checker(configuration: buggy, provider: MutantProvider(.timestampsGreaterOrEqual)).run()
        #expect(a.failure?.minimal.checkerCase == b.failure?.minimal.checkerCase)
        #expect(a.failure?.minimal.history.digest == b.failure?.minimal.history.digest)
        #expect(a.failure?.minimal.history.digest != nil)
    }

    /// Cases run several at a time give the same run as one at a time: the same digest, calls and
    /// case records, and for a buggy implementation the same failing case and minimal sequence.
    @Test func casesInParallelGiveTheSameRunAsOneAtATime() async throws {
        var configuration = F.configuration(seed: F.seed(fallback: 0x10B5), cases: 16)
        let serial = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run()
        configuration.jobs = 4
        let parallel = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run()
        #expect(serial.passed && parallel.passed)
        #expect(F.differingCases(serial, parallel) == [])
        #expect(serial.digest == parallel.digest)
        #expect(serial.calls == parallel.calls && serial.commandsRun == parallel.commandsRun)
        #expect(serial.caseRecords.map(\.index) == parallel.caseRecords.map(\.index))
        #expect(serial.caseRecords.map(\.findings) == parallel.caseRecords.map(\.findings))
        #expect(serial.findingCounts == parallel.findingCounts)

        var buggy = F.configuration(seed: 77, cases: 30)
        buggy.shrink = false
        let one = await Checker(configuration: buggy, provider: MutantProvider(.disconnectKeepsMappings)).run()
        buggy.jobs = 4
        let four = await Checker(configuration: buggy, provider: MutantProvider(.disconnectKeepsMappings)).run()
        let a = try #require(one.failure)
        let b = try #require(four.failure)
        #expect(a.original.checkerCase.index == b.original.checkerCase.index, "the lowest failing case, whatever finished first")
        #expect(a.violation == b.violation)
        #expect(one.caseRecords.map(\.index) == four.caseRecords.map(\.index), "no case after the failure is reported")
    }

    @Test func theReferencePassesTheDefaultBudget() async {
        var configuration = CheckerConfiguration.fromEnvironment()
        configuration.failureDirectory = nil
        let run = await Checker(configuration: configuration, provider: ReferenceScenarioProvider()).run { print($0) }
        #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
        #expect(run.casesRun == configuration.cases)
        print("default budget (\(configuration.cases) × \(configuration.steps)) in-process: \(run.duration), \(Int(run.commandsPerSecond)) commands/s")
    }

    @Test func aCrashBetweenCreateAndRecordIsAFindingAboutTheSpecNotAFailure() async throws {
        let base = CommandGenerator().makeCase(index: 0, seed: 5)
        try #require(base.world.world.courses.flatMap(\.assignments).contains { $0.published }, "ada sees something to sync")
        let checkerCase = base.with(commands: [
            .connect(ConnectArguments(owner: 0, name: 0, token: .issued(0))), .sync(.connected(0), crashAfter: 1), .sync(.connected(0), crashAfter: nil),
        ])
        let outcome = await CaseExecutor(provider: ReferenceScenarioProvider()).run(checkerCase)
        #expect(outcome.passed, "\(outcome.violation.map(String.init(describing:)) ?? "")")
        let finding = try #require(outcome.findings.first { $0.id == Finding.crashBetweenCreateAndRecord })
        #expect(finding.step == 0, "seen after heal and quiesce")
        #expect(finding.example.contains("app-1"))
    }

    @Test func aReconnectRecreatesInternalAssignmentsAsAFinding() async {
        let base = CommandGenerator().makeCase(index: 0, seed: 5)
        let connect = CheckerCommand.connect(ConnectArguments(owner: 0, name: 0, token: .issued(0)))
        let checkerCase = base.with(commands: [connect, .sync(.connected(0), crashAfter: nil), .disconnect(.connected(0)), connect, .sync(.connected(0), crashAfter: nil)])
        let outcome = await CaseExecutor(provider: ReferenceScenarioProvider()).run(checkerCase)
        #expect(outcome.passed)
        let visible = checkerCase.world.world.courses.contains { !$0.visibleAssignments(seesUnpublished: false).isEmpty }
        #expect(outcome.findings.contains { $0.id == Finding.reconnectRecreates } == visible)
    }

    @Test func theCheckerRunsOverHTTPAgainstTheServedReference() async throws {
        var options = ReferenceScenarioProvider.simulationOptions()
        options.canvas.maxConcurrentCourses = ReferenceImplementation.Options().canvas.maxConcurrentCourses
        try await withReferenceServer(options: options, logger: options.logger) { served in
            var http = HTTPImplementation.Configuration(baseURL: served.baseURL)
            http.timeout = HTTPFixtures.healthyCallTimeout
            var configuration = F.configuration(seed: F.seed(fallback: 0x477), cases: 5)
            configuration.policy = ModelPolicy(match: .strictHTTP)
            let provider = HTTPImplementationProvider(configuration: http)
            let run = await Checker(configuration: configuration, provider: provider).run()
            #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
            // Four cases at a time against the one server, isolated by run-unique owners. (Digests
            // over HTTP hold the server's own wall-clock stamps, so they are not compared.)
            configuration.jobs = 4
            let parallel = await Checker(configuration: configuration, provider: provider).run()
            #expect(parallel.passed, "\(parallel.failure?.report ?? parallel.setupError ?? "")")
            #expect(parallel.caseRecords.map(\.index) == Array(0..<5))
        }
    }
}

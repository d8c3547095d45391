import AsyncHTTPClient
import ConformanceKit
import KitPrimitives
import ReferenceHarness
import ConceptValues
import Foundation
import Logging
import MockServerCore
import NIOCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Over HTTP, a rule an answer breaks is a `failure` of the implementation, never an `error` of the
/// kit; and a checker failure found over HTTP is written as a scenario that fails again when it is
/// replayed against the same server (and passes against a correct one).
@Suite struct HTTPVerdictTests {
    typealias F = CheckerFixtures

    /// Serves `bug` (the strict contract) on a loopback port for the duration of `body`.
    func withServedMutant<R: Sendable>(_ bug: MutantBug, _ body: (String) async throws -> R) async throws -> R {
        try await ReferenceHarness.withServedMutant(bug, platformTimeout: ReferenceScenarioProvider.healthyTimeout, logger: HTTPFixtures.quietLogger, body)
    }

    static func provider(_ base: String) -> HTTPImplementationProvider {
        var configuration = HTTPImplementation.Configuration(baseURL: base)
        configuration.timeout = HTTPFixtures.healthyCallTimeout
        return HTTPImplementationProvider(configuration: configuration)
    }

    @Test(arguments: [MutantBug.tokenInSources, .onlyFirstPage, .timestampsGreaterOrEqual, .disconnectKeepsMappings, .rateLimitAsNetworkError, .idsThroughDouble, .nextLinkLeavesOrigin])
    func aCheckerFailureOverHTTPReplaysAgainstTheSameServer(bug: MutantBug) async throws {
        try await roundTrip(bug, platforms: SourcePlatform.allCases)
    }

    /// On GitHub Classroom the served implementation stamps on its own wall clock, so the file's
    /// stamps are read against the replay's polls: it still fails against the bug and passes
    /// against a correct implementation, minutes or days later.
    @Test(arguments: [MutantBug.timestampsGreaterOrEqual, .disconnectKeepsMappings])
    func aGitHubClassroomFailureReplaysOnTheImplementationsOwnClock(bug: MutantBug) async throws {
        try await roundTrip(bug, platforms: [.gitHubClassroom])
    }

    /// The checker finds `bug` over HTTP; its file fails again against the bug and passes against `.none`.
    func roundTrip(_ bug: MutantBug, platforms: [SourcePlatform]) async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = F.configuration(seed: 77, cases: 60)
        configuration.platforms = platforms
        configuration.policy = ModelPolicy(match: .strictHTTP)
        configuration.failureDirectory = directory
        configuration.maxShrinkRuns = 40  // what is judged is that the file replays, not how short it is
        try await withServedMutant(bug) { base in
            let provider = Self.provider(base)
            let failure = try #require(await Checker(configuration: configuration, provider: provider).run().failure, "\(bug) survived over HTTP")
            #expect(failure.violation.code != .harness, "\(failure.report)")
            if bug == .tokenInSources { #expect(failure.violation.code == .tokenLeak, "\(failure.report)") }
            if bug == .nextLinkLeavesOrigin { #expect(failure.violation.code == .tokenSentElsewhere, "\(failure.report)") }
            let file = try #require(failure.scenarioFile)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let scenario = try ScenarioLoader().load(file: file)
            let runner = ScenarioRunner(
                provider: provider, configuration: .init(seed: 1, callTimeout: HTTPFixtures.healthyCallTimeout + .seconds(5), policy: .strictHTTP))
            let replayed = await runner.run(scenario)
            #expect(replayed.outcome == .fail, "\(bug): \(replayed.reason ?? "")\n\(text)")
            if bug == .tokenInSources { #expect(text.contains("_getSourcesForUser"), "the failing query is in the file\n\(text)") }
        }
        try await withServedMutant(.none) { base in
            let scenario = try ScenarioLoader().load(file: try #require(try FileManager.default.contentsOfDirectory(atPath: directory).first.map { directory + "/" + $0 }))
            let correct = await ScenarioRunner(
                provider: Self.provider(base), configuration: .init(seed: 1, callTimeout: HTTPFixtures.healthyCallTimeout + .seconds(5), policy: .strictHTTP)
            ).run(scenario)
            #expect(correct.outcome == .pass, "\(bug): \(correct.reason ?? "")")
        }
    }

    /// A pure stall over HTTP (the checker's slow cases): an implementation that does not give up on
    /// a stalled platform within the call timeout fails with `stall-not-abandoned`, and shrinking
    /// spends one run on it (the prefix ending with that call), not a call timeout per candidate.
    @Test func aStallTheImplementationDoesNotAbandonFailsAndShrinksInOneRun() async throws {
        // The served reference gives the platform 30 s: far longer than the 8 s the kit waits, which
        // is still ample for every other call on a busy machine.
        try await withServedMutant(.none) { base in
            var http = HTTPImplementation.Configuration(baseURL: base)
            http.timeout = .seconds(8)
            let executor = CaseExecutor(provider: HTTPImplementationProvider(configuration: http), policy: ModelPolicy(match: .strictHTTP), stalls: .pure)
            let commands: [CheckerCommand] = [
                RestartCheckerTests.connect, .fault(FaultPlan(.stall)), .poll(.connected(0)), RestartCheckerTests.sync, .getSources(owner: 0),
            ]
            let outcome = await executor.run(RestartCheckerTests.mappedCase(commands))
            let violation = try #require(outcome.violation, "\(outcome.history.lines.joined(separator: "\n"))")
            #expect(violation.code == .stallNotAbandoned, "\(violation)")
            let shrunk = await Shrinker().shrink(outcome) { await executor.run($0) }
            #expect(shrunk.runs == 1)
            #expect(shrunk.checkerCase.commands == Array(commands.prefix(3)), "\(shrunk.checkerCase.commands)")
            #expect(shrunk.outcome.violation?.code == .stallNotAbandoned)
        }
    }

    /// On its own clock an implementation may give two polls a moment apart the same instant, so
    /// `poll.last-poll-advances` waits 1.1 s of real time between them (over HTTP only): a
    /// lastSuccessfulPoll that never moves after the first success fails, a correct one passes.
    @Test func aLastSuccessfulPollThatNeverMovesFailsOverHTTP() async throws {
        let scenario = try ScenarioTestSupport.loader.load(file: ScenarioTestSupport.scenariosRoot + "/poll/poll-last-poll-advances.yaml")
        func verdict(_ bug: MutantBug) async throws -> ScenarioVerdict {
            try await withServedMutant(bug) { base in
                await ScenarioRunner(
                    provider: Self.provider(base), configuration: .init(seed: 1, callTimeout: HTTPFixtures.healthyCallTimeout, policy: .strictHTTP)
                ).run(scenario)
            }
        }
        let stuck = try await verdict(.lastPollOnlyFirstSuccess)
        #expect(stuck.outcome == .fail, "\(stuck.reason ?? "")")
        #expect(stuck.reason?.contains("lastSuccessfulPoll") == true, "\(stuck.reason ?? "")")
        let correct = try await verdict(.none)
        #expect(correct.outcome == .pass, "\(correct.reason ?? "")")
    }

    /// A server that compares timestamps as the text it was sent (a JavaScript `<` on strings) fails
    /// the scenarios written to catch it, over HTTP and in-process: their offsets and short fractions
    /// reach it as written (normalized to UTC, they sorted right as text and passed); a correct one passes.
    @Test(arguments: ["identify/identify-offset-newer-instant.yaml", "identify/identify-fractional-seconds.yaml"])
    func timestampsComparedAsTextFailTheOffsetScenarios(file: String) async throws {
        let scenario = try ScenarioTestSupport.loader.load(file: ScenarioTestSupport.scenariosRoot + "/" + file)
        func verdicts(_ bug: MutantBug) async throws -> [ScenarioVerdict] {
            let overHTTP = try await withServedMutant(bug) { base in
                await ScenarioRunner(
                    provider: Self.provider(base), configuration: .init(seed: 1, callTimeout: HTTPFixtures.healthyCallTimeout, policy: .strictHTTP)
                ).run(scenario)
            }
            let inProcess = await ScenarioRunner(provider: MutantProvider(bug), configuration: .init(seed: 1)).run(scenario)
            return [overHTTP, inProcess]
        }
        for verdict in try await verdicts(.timestampsComparedAsText) {
            #expect(verdict.outcome == .fail, "\(verdict.reason ?? "passed")")
            #expect(verdict.reason?.contains("assignmentsToProcess") == true, "\(verdict.reason ?? "")")
        }
        for verdict in try await verdicts(.none) {
            #expect(verdict.outcome == .pass, "\(verdict.reason ?? "")")
        }
    }

    @Test func aHarnessErrorIsJudgedByTheRuleItShowsBroken() {
        let leak = HarnessJudgement.judge(HarnessError(.secretInAnswer, "…"), call: "_getSourcesForUser", platformStalled: false)
        guard case .brokeRule(let rule) = leak else { Issue.record("a token in an answer is a broken rule"); return }
        #expect(rule.kind == .secrecy)
        #expect(HarnessJudgement.judge(HarnessError(.timeout, "no answer"), call: "pollExternalSource", platformStalled: false) == .couldNotJudge,
                "a slow answer without an injected stall is never the implementation's failure")
        guard case .brokeRule(let stall) = HarnessJudgement.judge(HarnessError(.timeout, "no answer"), call: "pollExternalSource", platformStalled: true, callTimeout: .seconds(10))
        else { Issue.record("a timeout while the kit stalled the platform is a failure"); return }
        #expect(stall.kind == .stallNotAbandoned)
        #expect(stall.mismatch.expected.contains("NetworkError"))
        #expect(stall.mismatch.actual.contains("10"))
        for code in [HarnessError.Code.unreachable, .connectionLost, .protocolViolation, .crashed] {
            #expect(HarnessJudgement.judge(HarnessError(code, "x"), call: "connectSource", platformStalled: true) == .couldNotJudge, "\(code)")
        }
    }
}

/// A correct implementation that words its query errors its own way (ids quoted, a trailing period):
/// the served reference with every query error message rewritten.
struct RewordedQueryErrors: HTTPResponder {
    let inner: any HTTPResponder

    func respond(to request: MockRequest) async -> ResponsePlan {
        var plan = await inner.respond(to: request)
        guard request.path.contains("/_") else { return plan }
        var body = plan.response.body
        let text = body.readString(length: body.readableBytes) ?? ""
        let reworded = text.replacing(/"error"\s*:\s*"((?:[^"\\]|\\.)*)"/) { match in "\"error\":\"\(match.output.1) for 'that id'.\"" }
        plan.response.body = ByteBuffer(string: reworded)
        return plan
    }
}

@Suite struct QueryErrorWordingTests {
    func verdicts(_ policy: MatchPolicy, profile: WireProfile) async throws -> [ScenarioVerdict] {
        let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot)
        try #require(loaded.errors.isEmpty)
        return try await ReferenceImplementation.withService(ReferenceScenarioProvider.simulationOptions()) { service in
            let responder = RewordedQueryErrors(inner: ReferenceHTTPResponder(service: service, basePath: "/api", logger: HTTPFixtures.quietLogger))
            return try await withHTTPServer(
                configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: responder, logger: HTTPFixtures.quietLogger
            ) { address in
                var configuration = HTTPImplementation.Configuration(baseURL: address.origin + "/api", profile: profile)
                configuration.timeout = HTTPFixtures.healthyCallTimeout
                return await ScenarioRunner(
                    provider: HTTPImplementationProvider(configuration: configuration),
                    configuration: .init(seed: 6, callTimeout: HTTPFixtures.healthyCallTimeout + .seconds(5), maxConcurrentScenarios: 4, policy: policy)
                ).run(loaded.scenarios)
            }
        }
    }

    @Test func passesUnderCompatAndFailsUnderStrictOnlyOnQueryErrorMessages() async throws {
        let compat = try await verdicts(.compat6104, profile: .compat6104)
        let notPassed = compat.filter { $0.outcome != .pass && $0.outcome != .skip }
        #expect(notPassed.isEmpty, "\(notPassed.map { "\($0.scenarioID): \($0.reason ?? "")" }.joined(separator: "\n"))")

        let strict = try await verdicts(.strictHTTP, profile: .strict)
        let failed = strict.filter { $0.outcome != .pass && $0.outcome != .skip }
        #expect(!failed.isEmpty, "strict compares the spec's query error messages")
        for verdict in failed {
            let failure = try #require(verdict.failure, "\(verdict.scenarioID) \(verdict.outcome): \(verdict.reason ?? "")")
            #expect(failure.summary.hasPrefix("_"), "\(verdict.scenarioID) failed on \(failure.summary)")
            #expect(failure.mismatch.path == "error", "\(verdict.scenarioID): \(failure.mismatch)")
            #expect(failure.mismatch.actual.contains("for 'that id'."), "\(verdict.scenarioID): \(failure.mismatch)")
        }
    }
}

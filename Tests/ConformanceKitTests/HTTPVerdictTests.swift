import AsyncHTTPClient
import ConformanceKit
import ExternalAssignmentSync
import Foundation
import Logging
import MockServerCore
import Testing

/// Over HTTP, a rule an answer breaks is a `failure` of the implementation, never an `error` of the
/// kit; and a checker failure found over HTTP is written as a scenario that fails again when it is
/// replayed against the same server (and passes against a correct one).
@Suite struct HTTPVerdictTests {
    typealias F = CheckerFixtures

    /// Serves `bug` (the strict contract) on a loopback port for the duration of `body`.
    func withServedMutant<R: Sendable>(_ bug: MutantBug, _ body: (String) async throws -> R) async throws -> R {
        let client = MutantImplementation.makeHTTPClient(platformTimeout: ReferenceScenarioProvider.healthyTimeout)
        let implementation = MutantImplementation(
            bug: bug, http: client, wallTime: SyncService.systemWallTime, platformTimeout: ReferenceScenarioProvider.healthyTimeout)
        let responder = ServeDialect.strict.responder(for: implementation, basePath: "/api", logger: HTTPFixtures.quietLogger)
        do {
            let result = try await withHTTPServer(
                configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: responder, logger: HTTPFixtures.quietLogger
            ) { address in try await body(address.origin + "/api") }
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func provider(_ base: String) -> HTTPImplementationProvider {
        var configuration = HTTPImplementation.Configuration(baseURL: base)
        configuration.timeout = HTTPFixtures.healthyCallTimeout
        return HTTPImplementationProvider(configuration: configuration)
    }

    @Test func aTokenInAnAnswerFailsTheScenariosItShowsInAndErrorsNone() async throws {
        let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot)
        try #require(loaded.errors.isEmpty)
        let verdicts = try await withServedMutant(.tokenInSources) { base in
            await ScenarioRunner(
                provider: Self.provider(base),
                configuration: .init(seed: 3, callTimeout: HTTPFixtures.healthyCallTimeout + .seconds(5), maxConcurrentScenarios: 4, policy: .strictHTTP)
            ).run(loaded.scenarios)
        }
        let errors = verdicts.filter { $0.outcome == .error }
        #expect(errors.isEmpty, "\(errors.map { "\($0.scenarioID): \($0.reason ?? "")" }.joined(separator: "\n"))")
        let leaks = verdicts.filter { $0.outcome == .fail && ($0.reason ?? "").contains("apiToken") }
        #expect(leaks.count >= 5, "\(verdicts.filter { $0.outcome != .pass }.map { "\($0.scenarioID): \($0.reason ?? "")" })")
        for verdict in leaks { #expect(!(verdict.reason ?? "").contains("tok-"), "\(verdict.scenarioID) shows a token") }
    }

    @Test(arguments: [MutantBug.tokenInSources, .onlyFirstPage, .timestampsGreaterOrEqual, .disconnectKeepsMappings, .rateLimitAsNetworkError])
    func aCheckerFailureOverHTTPReplaysAgainstTheSameServer(bug: MutantBug) async throws {
        let directory = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = F.configuration(seed: 77, cases: 30)
        configuration.policy = ModelPolicy(match: .strictHTTP)
        configuration.failureDirectory = directory
        try await withServedMutant(bug) { base in
            let provider = Self.provider(base)
            let failure = try #require(await Checker(configuration: configuration, provider: provider).run().failure, "\(bug) survived over HTTP")
            #expect(failure.violation.code != .harness, "\(failure.report)")
            if bug == .tokenInSources { #expect(failure.violation.code == .tokenLeak, "\(failure.report)") }
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

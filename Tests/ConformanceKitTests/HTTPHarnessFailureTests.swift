import ConformanceKit
import ConceptValues
import KitPrimitives
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Every way an implementation can fail to answer gives the right harness error code and a readable
/// reason, within the configured timeout, and never shows the token sent in `connectSource`.
@Suite struct HTTPHarnessFailureTests {
    static let token = "tok-SECRET-9f2c71"
    static let connect = ConceptCall.connectSource(
        owner: "user:alice", sourceType: "Canvas", sourceName: "6.104", details: ConnectionDetails(apiToken: token, baseUrl: "http://canvas.test"))

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var plan: ResponsePlan
        var code: HarnessError.Code
        var reason: String
        /// The call's timeout: small where a timeout is the expected outcome, generous elsewhere (a
        /// busy machine must not turn a reset into a timeout).
        var timeout: Duration = HTTPFixtures.healthyCallTimeout
        var testDescription: String { label }
    }

    static let internalError = #"{"error":"An internal server error occurred."}"#

    static let cases: [Case] = [
        Case(label: "stall", plan: ResponsePlan(.json(200, text: "{}"), transport: .stall), code: .timeout, reason: "no complete answer within", timeout: .milliseconds(300)),
        Case(label: "slow answer", plan: ResponsePlan(.json(200, text: "{}"), delay: .seconds(5)), code: .timeout, reason: "no complete answer within", timeout: .milliseconds(300)),
        Case(label: "reset", plan: ResponsePlan(.json(200, text: "{}"), transport: .reset), code: .connectionLost, reason: "connection"),
        Case(label: "closed without an answer", plan: ResponsePlan(.json(200, text: "{}"), transport: .closeWithoutResponse), code: .connectionLost, reason: "connection"),
        Case(label: "closed mid-headers", plan: ResponsePlan(.json(200, text: #"{"sourceAccount":"s1"}"#), transport: .closeMidHeaders), code: .connectionLost, reason: "connection"),
        Case(label: "closed mid-body", plan: ResponsePlan(.json(200, text: #"{"sourceAccount":"s1","padding":"0123456789"}"#), transport: .closeMidBody), code: .connectionLost, reason: "connection"),
        Case(label: "garbage body", plan: ResponsePlan(.json(200, text: "}{ not json")), code: .protocolViolation, reason: "the answer is not JSON"),
        Case(label: "HTML", plan: ResponsePlan(.html(200, "<!doctype html><title>Oops</title>")), code: .protocolViolation, reason: "HTML, not JSON (Content-Type: text/html"),
        Case(label: "empty body", plan: ResponsePlan(.json(200, text: "")), code: .protocolViolation, reason: "the answer is empty"),
        Case(label: "6.104 exception (500)", plan: ResponsePlan(.json(500, text: internalError)), code: .crashed, reason: "HTTP 500: \"An internal server error occurred.\""),
        Case(label: "503 text", plan: ResponsePlan(.text(503, "upstream down")), code: .crashed, reason: "HTTP 503"),
        Case(label: "Requesting timeout (504)", plan: ResponsePlan(.json(504, text: #"{"error":"Request timed out."}"#)), code: .timeout, reason: "Request timed out."),
        Case(label: "route not found (404)", plan: ResponsePlan(.text(404, "404 Not Found")), code: .protocolViolation, reason: "route not found (HTTP 404): is the concept server running with base /api"),
        Case(label: "other status (201)", plan: ResponsePlan(.json(201, text: #"{"sourceAccount":"s1"}"#)), code: .protocolViolation, reason: "unexpected HTTP 201"),
        Case(label: "wrong field type", plan: ResponsePlan(.json(200, text: #"{"sourceAccount":["s1"]}"#)), code: .contractViolation, reason: "sourceAccount: expected an id (a string), got an array of 1"),
        Case(label: "array for an action", plan: ResponsePlan(.json(200, text: #"[{"sourceAccount":"s1"}]"#)), code: .contractViolation, reason: "the answer: expected a JSON object"),
        Case(label: "non-string error", plan: ResponsePlan(.json(200, text: #"{"error":{"code":7}}"#)), code: .contractViolation, reason: "error: expected a string"),
        Case(label: "token echoed back", plan: ResponsePlan(.json(200, text: #"{"sourceAccount":"s1","details":{"apiToken":"tok-SECRET-9f2c71"}}"#)), code: .secretInAnswer, reason: "contains an apiToken"),
        Case(label: "token echoed JSON-escaped", plan: ResponsePlan(.json(200, text: #"{"sourceAccount":"s1","note":"tok\u002dSECRET\u002d9f2c71"}"#)), code: .secretInAnswer, reason: "contains an apiToken"),
    ]

    static func configuration(_ base: String, timeout: Duration = HTTPFixtures.healthyCallTimeout) -> HTTPImplementation.Configuration {
        var configuration = HTTPFixtures.configuration(base, timeout: timeout)
        configuration.connectTimeout = .seconds(30)
        return configuration
    }

    @Test(arguments: cases)
    func misbehavingServerGivesAReadableHarnessError(_ testCase: Case) async throws {
        try await withFakeConceptServer(answering: testCase.plan) { base in
            try await HTTPImplementation.withImplementation(Self.configuration(base, timeout: testCase.timeout)) { sut in
                let started = ContinuousClock.now
                let result = await sut.perform(Self.connect)
                let elapsed = ContinuousClock.now - started
                let error = try #require(result.harnessError, "expected a harness error, got \(result)")
                #expect(error.code == testCase.code, "\(error)")
                #expect(error.message.contains(testCase.reason), "\(error.message)")
                #expect(error.message.contains("/api/ExternalAssignmentSync/connectSource"), "\(error.message)")
                #expect(!error.description.contains(Self.token))
                #expect(!error.description.contains("9f2c71"))
                if testCase.code == .timeout, testCase.timeout < .seconds(1) {
                    // A stall costs the timeout (plus whatever a busy machine adds), never a hang: the
                    // fake server would hold it (or answer after 5 s) for as long as the test waits.
                    #expect(elapsed >= testCase.timeout, "took \(elapsed)")
                    #expect(elapsed < .seconds(60), "took \(elapsed)")
                }
            }
        }
    }

    @Test func refusedConnectionIsUnreachableAtOnce() async throws {
        try await withRefusedBaseURL { base in
            // A connect timeout far beyond the bound below: only retrying until it passes could cross it.
            var configuration = Self.configuration(base)
            configuration.connectTimeout = .seconds(300)
            try await HTTPImplementation.withImplementation(configuration) { sut in
                let started = ContinuousClock.now
                let result = await sut.perform(Self.connect)
                let error = try #require(result.harnessError)
                #expect(error.code == .unreachable, "\(error)")
                #expect(error.message.contains("could not connect to 127.0.0.1:"), "\(error.message)")
                #expect(error.message.contains("is the implementation running there?"))
                #expect(!error.description.contains(Self.token))
                #expect(ContinuousClock.now - started < .seconds(150), "a refused connection is not retried until the timeout")
            }
        }
    }

    @Test func aBadBaseURLIsUnreachableNotACrash() async throws {
        try await HTTPImplementation.withImplementation(Self.configuration("ftp://example.invalid/api")) { sut in
            let error = try #require(await sut.perform(.getSourcesForUser(user: "u")).harnessError)
            #expect(error.code == .unreachable, "\(error)")
        }
    }

    @Test func anAnswerQuotingTheTokenNeverShowsIt() async throws {
        // A broken server that quotes the request (token included) in a non-JSON error page.
        try await withFakeConceptServer({ request in ResponsePlan(.text(400, "bad request: " + request.bodyText)) }) { _, base in
            var configuration = Self.configuration(base)
            configuration.rejectsTokenEcho = false
            try await HTTPImplementation.withImplementation(configuration) { sut in
                let error = try #require(await sut.perform(Self.connect).harnessError)
                #expect(error.code == .protocolViolation)
                #expect(error.message.contains("unexpected HTTP 400"), "\(error.message)")
                #expect(error.message.contains("[REDACTED]"), "\(error.message)")
                #expect(!error.description.contains(Self.token))
                // Tokens seen earlier stay secret in later calls too.
                let later = try #require(await sut.perform(.getSourcesForUser(user: Self.token)).harnessError)
                #expect(!later.description.contains(Self.token), "\(later)")
            }
        }
    }

    @Test func theRunGoesOnAfterAFailure() async throws {
        let plans = PlanSequence([
            ResponsePlan(.json(200, text: "{}"), transport: .reset),
            ResponsePlan(.json(200, text: #"{"sourceAccount":"s1"}"#)),
        ])
        try await withFakeConceptServer({ _ in plans.next() }) { _, base in
            try await HTTPImplementation.withImplementation(Self.configuration(base)) { sut in
                #expect(await sut.perform(Self.connect).harnessError?.code == .connectionLost)
                #expect(await sut.perform(Self.connect).value == .sourceAccount("s1"))
            }
        }
    }
}

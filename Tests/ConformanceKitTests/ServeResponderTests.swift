import ConformanceKit
import ReferenceHarness
import ConceptValues
import JUnitXML
import KitPrimitives
import KitTestSupport
import MockCanvas
import MockServerCore
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// `serve`'s responder: routes, the 6.104 conventions, argument errors, exact answer bytes, and no
/// API token in any answer.
@Suite struct ServeResponderTests {
    static func post(_ path: String, _ body: String?) -> MockRequest {
        MockRequest(method: "POST", uri: path, headers: ["Content-Type": "application/json"], body: body.map { ByteBuffer(string: $0) })
    }

    /// Runs `body` with a responder over a reference whose Canvas is the basic world.
    static func withResponder<R: Sendable>(basePath: String = "/api", _ body: (ReferenceHTTPResponder, String) async throws -> R) async throws -> R {
        try await MockCanvas.withRunning(world: try HTTPFixtures.basicWorld(), seed: 5) { canvas, address in
            try await ReferenceImplementation.withService(HTTPFixtures.referenceOptions(clock: canvas)) { service in
                try await body(ReferenceHTTPResponder(service: service, basePath: basePath, logger: HTTPFixtures.quietLogger), address.origin)
            }
        }
    }

    static func text(_ plan: ResponsePlan) -> String { String(buffer: plan.response.body) }

    @Test func healthRoutesAndMethods() async throws {
        try await Self.withResponder { responder, _ in
            let health = await responder.respond(to: MockRequest(method: "GET", uri: "/"))
            #expect(health.response.status == 200)
            #expect(Self.text(health) == "Concept Server is running.")
            let unknown = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/_getEverything", "{}"))
            #expect(unknown.response.status == 404)
            let otherConcept = await responder.respond(to: Self.post("/api/Other/connectSource", "{}"))
            #expect(otherConcept.response.status == 404)
            let noBase = await responder.respond(to: Self.post("/ExternalAssignmentSync/_getSourcesForUser", #"{"user":"u"}"#))
            #expect(noBase.response.status == 404)
            let get = await responder.respond(to: MockRequest(method: "GET", uri: "/api/ExternalAssignmentSync/_getSourcesForUser"))
            #expect(get.response.status == 405)
            #expect(get.response.header("Allow") == "POST")
        }
    }

    @Test func malformedBodiesAndArguments() async throws {
        try await Self.withResponder { responder, _ in
            for body in ["{not json", "[1,2]", "\"text\"", "{\"user\":"] {
                let answer = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/_getSourcesForUser", body))
                #expect(answer.response.status == 400, "\(body)")
                #expect(Self.text(answer) == #"{"error":"Invalid request body. Must be a JSON object."}"#)
            }
            let empty = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/connectSource", nil))
            #expect(empty.response.status == 200)
            #expect(Self.text(empty) == #"{"error":"InvalidArgument: owner: expected an id (a string), got nothing (the key is missing)"}"#)
            let query = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/_getMappedInternalId", #"{"externalId":7,"sourceAccount":"s"}"#))
            #expect(Self.text(query) == #"{"error":"externalId: expected an id (a string), got a number (7)"}"#)
            let extra = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/_getSourcesForUser", #"{"user":"u","sessionToken":"x"}"#))
            #expect(Self.text(extra) == #"[{"sources":[]}]"#)
        }
    }

    @Test func answersHaveThePinnedBytes() async throws {
        try await Self.withResponder { responder, origin in
            let connect = await responder.respond(to: Self.post(
                "/api/ExternalAssignmentSync/connectSource",
                #"{"owner":"user:alice","sourceType":"Canvas","sourceName":"6.104","details":{"apiToken":"tok-alice","baseUrl":"\#(origin)"}}"#))
            #expect(connect.response.status == 200)
            #expect(connect.response.header("Content-Type") == "application/json; charset=utf-8")
            #expect(Self.text(connect) == #"{"sourceAccount":"source-1"}"#)
            let sources = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/_getSourcesForUser", #"{"user":"user:alice"}"#))
            #expect(Self.text(sources) == #"[{"sources":[{"sourceAccount":"source-1","owner":"user:alice","sourceType":"Canvas","sourceName":"6.104","baseUrl":"\#(origin)","lastSuccessfulPoll":null}]}]"#)
            let duplicate = await responder.respond(to: Self.post(
                "/api/ExternalAssignmentSync/connectSource",
                #"{"owner":"user:alice","sourceType":"Canvas","sourceName":"6.104","details":{"apiToken":"tok-alice","baseUrl":"\#(origin)"}}"#))
            #expect(duplicate.response.status == 200)
            #expect(Self.text(duplicate).hasPrefix(#"{"error":"DuplicateSourceError: "#))
            let missing = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/_getAssignmentsForSource", #"{"sourceAccount":"nope"}"#))
            #expect(Self.text(missing) == #"{"error":"Source account not found"}"#)
            let disconnect = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/disconnectSource", #"{"sourceAccount":"source-1"}"#))
            #expect(Self.text(disconnect) == "{}")
        }
    }

    @Test(arguments: ["", "/", "api", "/api/", "/v1/concepts"])
    func basePathsAreNormalized(_ basePath: String) async throws {
        try await Self.withResponder(basePath: basePath) { responder, _ in
            let expected = ReferenceHTTPResponder.normalized(basePath)
            #expect(responder.basePath == expected)
            let answer = await responder.respond(to: Self.post("\(expected)/ExternalAssignmentSync/_getSourcesForUser", #"{"user":"u"}"#))
            #expect(Self.text(answer) == #"[{"sources":[]}]"#)
        }
    }

    /// An implementation that always fails, as a crashing server would.
    struct CrashingImplementation: ImplementationUnderTest {
        var label: String { "crashing" }
        func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
            .failure(HarnessError(.crashed, "boom"))
        }
    }

    @Test func anImplementationFailureIs500LikeA6104Exception() async throws {
        let responder = ReferenceHTTPResponder(implementation: CrashingImplementation(), logger: HTTPFixtures.quietLogger)
        let answer = await responder.respond(to: Self.post("/api/ExternalAssignmentSync/_getSourcesForUser", #"{"user":"u"}"#))
        #expect(answer.response.status == 500)
        #expect(Self.text(answer) == #"{"error":"An internal server error occurred."}"#)
        // And the strict adapter reads that as a crash.
        try await withHTTPServer(responder: responder, logger: HTTPFixtures.quietLogger) { address in
            try await HTTPImplementation.withImplementation(HTTPFixtures.configuration(address.origin + "/api")) { sut in
                let error = try #require(await sut.perform(.getSourcesForUser(user: "u")).harnessError)
                #expect(error.code == .crashed)
                #expect(error.message.contains("An internal server error occurred."))
            }
        }
    }

    /// A responder that keeps every answer's body.
    struct RecordingResponder: HTTPResponder {
        let inner: ReferenceHTTPResponder
        let bodies = BodyLog()
        func respond(to request: MockRequest) async -> ResponsePlan {
            let plan = await inner.respond(to: request)
            bodies.append(String(buffer: plan.response.body))
            return plan
        }
    }

    final class BodyLog: Sendable {
        private let bodies = Mutex<[String]>([])
        func append(_ body: String) { bodies.withLock { $0.append(body) } }
        var all: [String] { bodies.withLock { $0 } }
    }

    @Test func noAnswerEverCarriesAnAPIToken() async throws {
        let tokens = ["tok-alice", "tok-old", "tok-gone", "tok-bob"]
        try await MockCanvas.withRunning(world: try HTTPFixtures.basicWorld(), seed: 5) { canvas, address in
            try await ReferenceImplementation.withService(HTTPFixtures.referenceOptions(clock: canvas)) { service in
                let recorder = RecordingResponder(inner: ReferenceHTTPResponder(service: service, logger: HTTPFixtures.quietLogger))
                try await withHTTPServer(responder: recorder, logger: HTTPFixtures.quietLogger) { server in
                    var configuration = HTTPFixtures.configuration(server.origin + "/api")
                    configuration.rejectsTokenEcho = false
                    try await HTTPImplementation.withImplementation(configuration) { sut in
                        let origin = address.origin
                        for (index, token) in tokens.enumerated() {
                            _ = await sut.perform(.connectSource(
                                owner: "user:alice", sourceType: "Canvas", sourceName: "s\(index)", details: HTTPFixtures.details(token, origin)))
                            _ = await sut.perform(.connectSource(
                                owner: "user:alice", sourceType: "Canvas", sourceName: "s\(index)", details: HTTPFixtures.details(token, origin)))
                        }
                        _ = await sut.perform(.connectSource(
                            owner: "user:alice", sourceType: "Other", sourceName: "x", details: HTTPFixtures.details("tok-alice", origin)))
                        _ = await sut.perform(.connectSource(
                            owner: "user:alice", sourceType: "Canvas", sourceName: "bad-url", details: HTTPFixtures.details("tok-alice", "not a url tok-alice")))
                        _ = await sut.perform(.pollExternalSource(sourceAccount: "source-1"))
                        try canvas.apply(.revokeToken("tok-alice"))
                        _ = await sut.perform(.pollExternalSource(sourceAccount: "source-1"))
                        try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses"), fault: .redirect(origin: "http://evil.test", status: 302))])
                        _ = await sut.perform(.pollExternalSource(sourceAccount: "source-2"))
                        _ = await sut.perform(.getSourcesForUser(user: "user:alice"))
                        _ = await sut.perform(.getAssignmentsForSource(sourceAccount: "source-1"))
                    }
                }
                let bodies = recorder.bodies.all
                #expect(bodies.count >= 14)
                #expect(bodies.contains { $0.contains("\"sources\":[{") })
                let redactor = Redactor(secrets: tokens)
                for body in bodies {
                    #expect(!redactor.containsSecret(body), "an answer carries a token: \(redactor.redact(body))")
                    #expect(!body.contains("apiToken"), "\(body)")
                }
            }
        }
    }

    @Test func servedOverLoopbackWithRawBytes() async throws {
        try await withReferenceServer(logger: HTTPFixtures.quietLogger) { served in
            #expect(served.baseURL == "http://127.0.0.1:\(served.address.port)/api")
            let client = try await LoopbackClient.connect(port: served.address.port)
            try await client.send(LoopbackClient.request("GET", "/"))
            let health = try await client.readResponse()
            #expect(health.status == 200)
            #expect(health.bodyText == "Concept Server is running.")
            try await client.send(LoopbackClient.request(
                "POST", "/api/ExternalAssignmentSync/_getSourcesForUser", headers: [("Content-Type", "application/json")], body: #"{"user":"u"}"#))
            let sources = try await client.readResponse()
            #expect(sources.status == 200)
            #expect(sources.bodyText == #"[{"sources":[]}]"#)
            await client.close()
        }
    }
}

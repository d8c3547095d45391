import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import NIOCore
import Testing

/// Hostile input never crashes the mock, and secrets never leave it.
@Suite struct RobustnessTests {
    @Test(arguments: [
        "THIS IS NOT HTTP\r\n\r\n",
        "GET /classrooms HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n",
        "GET /classrooms HTTP/9.9\r\n\r\n",
        "\u{0}\u{1}\u{2}\r\n\r\n",
        "GET /classrooms HTTP/1.1\r\nHost x\r\n\r\n",
    ])
    func malformedRequestsAreRefusedAndTheServerKeepsServing(garbage: String) async throws {
        try await MockGitHubClassroom.withRunning(world: try Fixtures.world()) { _, address in
            let bad = try await LoopbackClient.connect(port: address.port)
            try await bad.send(garbage)
            switch try? await bad.readResponse() {
            case let response?: #expect((400..<500).contains(response.status))
            case nil: break  // closing the connection is fine too
            }
            await bad.close()
            let good = GitHubSession(client: try await LoopbackClient.connect(port: address.port))
            #expect(try await good.get("/user").status == 200)
            await good.client.close()
        }
    }

    @Test func oddButWellFormedRequestsGetGitHubAnswers() async throws {
        try await Fixtures.withMock { _, http in
            #expect(try await http.get("/classrooms/99999999999999999999999").status == 404, "ids beyond Int64 are unknown")
            #expect(try await http.get("/classrooms?page=99999999999&per_page=100").status == 200)
            #expect(try await http.get("/user", token: nil, headers: [("Authorization", "Bearer")]).status == 401)
            try await http.client.send(LoopbackClient.request("POST", "/classrooms", headers: [("Authorization", "Bearer tok-alice")], host: Fixtures.host, body: "{}"))
            #expect(try await http.client.readResponse().status == 404, "only GET is served")
        }
    }

    @Test func tokensNeverAppearInResponsesTheJournalOrTheWorldDump() async throws {
        try await Fixtures.withMock { mock, http in
            let secrets = ["tok-alice", "tok-old", "tok-gone", "tok-bob", "tok-carol"]
            var seen: [String] = []
            for token in secrets + ["tok-unknown"] {
                for target in ["/user", "/classrooms?per_page=1", "/classrooms/7001/assignments?per_page=1", "/assignments/80001", "/nope"] {
                    seen.append(String(decoding: try await http.get(target, token: token).raw, as: UTF8.self))
                    let separator = target.contains("?") ? "&" : "?"
                    seen.append(String(decoding: try await http.get(target + separator + "access_token=\(token)", token: nil).raw, as: UTF8.self))
                }
            }
            try await http.control("revoke_token", #"{"token": "tok-bob"}"#)
            let bad = try await http.control("revoke_token", #"{"token": "tok-nonexistent"}"#)
            #expect(bad.status == 400)
            seen.append(bad.bodyText)
            seen.append(try await http.inspect("journal").bodyText)
            seen.append(try await http.inspect("world").bodyText)
            let journal = String(decoding: try JSONEncoder().encode(mock.journal()), as: UTF8.self)
            for text in seen + [journal] {
                for secret in secrets + ["tok-unknown", "tok-nonexistent"] {
                    #expect(!text.contains(secret), "a token leaked: \(text.prefix(300))")
                }
            }
            #expect(try await http.inspect("world").bodyText.contains("[REDACTED]"))
        }
    }
}

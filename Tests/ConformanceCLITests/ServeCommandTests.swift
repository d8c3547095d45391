import Foundation
import KitTestSupport
import NIOCore
import Testing

/// `conformance serve` as a user runs it.
@Suite struct ServeCommandTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func printsBaseURLFirstServesTheStrictContractAndExitsZeroOnSignal(signal: Int32) async throws {
        let running = try BuiltBinary.Running(["serve", "--port", "0", "--base", "/api"])
        let line = try #require(await running.firstLine())
        #expect(line.hasPrefix("http://127.0.0.1:"), "\(line)")
        #expect(line.hasSuffix("/api"), "\(line)")
        let port = try #require(Int(line.dropLast("/api".count).split(separator: ":").last ?? ""))
        let client = try await LoopbackClient.connect(port: port)
        try await client.send(LoopbackClient.request("GET", "/"))
        let health = try await client.readResponse()
        #expect(health.status == 200)
        #expect(health.bodyText == "Concept Server is running.")
        try await client.send(LoopbackClient.request(
            "POST", "/api/ExternalAssignmentSync/_getSourcesForUser", headers: [("Content-Type", "application/json")],
            body: #"{"user":"user:alice"}"#))
        let sources = try await client.readResponse()
        #expect(sources.status == 200)
        #expect(sources.bodyText == #"[{"sources":[]}]"#)
        try await client.send(LoopbackClient.request(
            "POST", "/api/ExternalAssignmentSync/disconnectSource", headers: [("Content-Type", "application/json")],
            body: #"{"sourceAccount":"nope"}"#))
        let missing = try await client.readResponse()
        #expect(missing.status == 200)
        #expect(missing.bodyText.hasPrefix(#"{"error":"SourceNotFound: "#), "\(missing.bodyText)")
        await client.close()
        #expect(await running.stop(with: signal) == 0)
    }

    @Test func aPortInUseExits2() async throws {
        let first = try BuiltBinary.Running(["serve", "--port", "0"])
        let line = try #require(await first.firstLine())
        let port = try #require(line.split(separator: ":").last?.split(separator: "/").first.map(String.init))
        let second = try BuiltBinary.Running(["serve", "--port", port])
        #expect(await second.exitStatus() == 2)
        let stderr = String(decoding: second.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("could not listen on 127.0.0.1:\(port)"), "\(stderr)")
        #expect(await first.stop(with: SIGTERM) == 0)
    }
}

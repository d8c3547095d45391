import Foundation
import KitTestSupport
import NIOCore
import Testing

/// `conformance mock-canvas` as a user runs it.
@Suite struct MockCanvasCommandTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func printsBaseURLFirstServesAndExitsZeroOnSignal(signal: Int32) async throws {
        let running = try BuiltBinary.Running(["mock-canvas", "--world", "Scenarios/worlds/basic.yaml", "--seed", "5"])
        let line = try #require(await running.firstLine())
        #expect(line.hasPrefix("http://127.0.0.1:"))
        let port = try #require(Int(line.split(separator: ":").last ?? ""))
        let client = try await LoopbackClient.connect(port: port)
        try await client.get("/api/v1/users/self", headers: [("Authorization", "Bearer tok-alice")])
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.bodyText.contains("Alice Student"))
        await client.close()
        #expect(await running.stop(with: signal) == 0)
    }

    @Test func malformedWorldFileExits2NamingFileLineAndField() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-world-\(getpid()).yaml")
        try "users:\n  - id: 1\n    name: A\n  - id: one\n    name: B\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let running = try BuiltBinary.Running(["mock-canvas", "--world", file.path])
        #expect(await running.exitStatus() == 2)
        let stderr = String(decoding: running.stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains(file.path + ":4"), "\(stderr)")
        #expect(stderr.contains("users[1].id"), "\(stderr)")
    }
}

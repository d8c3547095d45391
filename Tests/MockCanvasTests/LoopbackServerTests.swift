import Foundation
import KitPrimitives
import KitTestSupport
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// The mock over real loopback sockets: lifetime, keep-alive, transport faults, hostile clients.
@Suite struct LoopbackServerTests {
    func withCanvas<R: Sendable>(
        seed: UInt64 = 1, configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        _ body: (MockCanvas, BoundAddress) async throws -> R
    ) async throws -> R {
        var configuration = HTTPServerConfiguration()
        configure(&configuration)
        return try await MockCanvas.withRunning(world: try Fixtures.basicWorld(), seed: seed, configuration: configuration, body)
    }

    @Test func bindsPortZeroOnLoopbackAndReportsThePort() async throws {
        try await withCanvas { _, address in
            #expect(address.host == "127.0.0.1")
            #expect(address.port > 0)
            let client = try await LoopbackClient.connect(port: address.port)
            try await client.get("/api/v1/users/self", headers: [("Authorization", "Bearer tok-alice")])
            #expect(try await client.readResponse().status == 200)
            await client.close()
        }
    }

    @Test func keepAliveServesManyRequestsOnOneConnectionInOrder() async throws {
        try await withCanvas { canvas, address in
            let client = try await LoopbackClient.connect(port: address.port)
            // Pipelined: three requests in one write, three responses in order.
            let auth = [("Authorization", "Bearer tok-alice")]
            try await client.send(
                LoopbackClient.request("GET", "/api/v1/users/self", headers: auth)
                    + LoopbackClient.request("GET", "/api/v1/courses/2001/assignments/50001", headers: auth)
                    + LoopbackClient.request("GET", "/api/v1/nope", headers: auth))
            let statuses = [try await client.readResponse().status, try await client.readResponse().status, try await client.readResponse().status]
            #expect(statuses == [200, 200, 404])
            #expect(canvas.journal().map(\.path) == ["/api/v1/users/self", "/api/v1/courses/2001/assignments/50001", "/api/v1/nope"])
            await client.close()
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withCanvas { _, address in
            let client = try await LoopbackClient.connect(port: address.port)
            try await client.get("/api/v1/users/self", headers: [("Connection", "close")])
            let response = try await client.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try await client.readToEnd() == .closed(received: []))
        }
    }

    @Test func malformedRequestGets400AndTheServerKeepsServing() async throws {
        try await withCanvas { _, address in
            let bad = try await LoopbackClient.connect(port: address.port)
            try await bad.send("THIS IS NOT HTTP\r\n\r\n")
            #expect(try await bad.readResponse().status == 400)
            let good = try await LoopbackClient.connect(port: address.port)
            try await good.get("/api/v1/users/self", headers: [("Authorization", "Bearer tok-alice")])
            #expect(try await good.readResponse().status == 200)
            await good.close()
        }
    }

    @Test func oversizedHeadersGet431() async throws {
        try await withCanvas(configure: { $0.maxHeaderBytes = 4096 }) { _, address in
            let client = try await LoopbackClient.connect(port: address.port)
            try await client.get("/api/v1/users/self", headers: [("X-Big", String(repeating: "a", count: 8192))])
            #expect(try await client.readResponse().status == 431)
        }
    }

    @Test func oversizedBodyGets413() async throws {
        try await withCanvas(configure: { $0.maxBodyBytes = 1024 }) { _, address in
            let client = try await LoopbackClient.connect(port: address.port)
            try await client.send(LoopbackClient.request("POST", "/__mock/advance_clock", body: String(repeating: " ", count: 4096)))
            #expect(try await client.readResponse().status == 413)
        }
    }

    @Test func idleClientsAreDisconnected() async throws {
        try await withCanvas(configure: { $0.idleTimeout = .milliseconds(300) }) { _, address in
            let client = try await LoopbackClient.connect(port: address.port)
            // Never finishes the head. (On a loaded machine the server may already have closed the
            // idle connection before this write: that is the behaviour under test too.)
            try? await client.send("GET /api/v1/users/self HTTP/1.1\r\n")
            // Disconnected without an answer: a FIN, or an RST when the close found unread bytes in the
            // server's socket (which one the kernel sends depends on timing).
            let end = try await client.readToEnd()
            #expect(end == .closed(received: []) || end == .reset(received: []), "\(end)")
        }
    }

    @Test func connectionsBeyondTheLimitAreClosedOnAccept() async throws {
        try await withCanvas(configure: { $0.maxConnections = 2 }) { _, address in
            let a = try await LoopbackClient.connect(port: address.port)
            let b = try await LoopbackClient.connect(port: address.port)
            try await a.get("/__mock/health")
            try await b.get("/__mock/health")
            _ = try await a.readResponse()
            _ = try await b.readResponse()
            let c = try await LoopbackClient.connect(port: address.port)
            #expect(try await c.readToEnd() == .closed(received: []))
            await a.close()
            await b.close()
        }
    }

    @Test func manyConcurrentClientsAreAllServed() async throws {
        try await withCanvas { _, address in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        let client = try await LoopbackClient.connect(port: address.port)
                        try await client.get("/api/v1/courses/2001/assignments", headers: [("Authorization", "Bearer tok-bob")])
                        let status = try await client.readResponse().status
                        await client.close()
                        return status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 200)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }

    @Test func stopsCleanlyWithStalledAndIdleConnectionsOpen() async throws {
        try await withCanvas { canvas, address in
            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses"), fault: .transport(.stall))])
            let stalled = try await LoopbackClient.connect(port: address.port)
            try await stalled.get("/api/v1/courses")
            let idle = try await LoopbackClient.connect(port: address.port)
            try await idle.get("/__mock/health")
            _ = try await idle.readResponse()
            // Returning from the body stops the server; it must not wait for these clients.
        }
    }

    @Test func aClientThatDoesNotReadDoesNotHoldUpOthers() async throws {
        try await withCanvas { _, address in
            // 300 pipelined requests for ~3 KB each (~1 MB of answers) and no reading: the server's
            // writes back up, and with them its reads of this connection; nothing else is affected.
            let slow = try await LoopbackClient.connect(port: address.port, reading: false)
            let request = LoopbackClient.request("GET", "/api/v1/courses/2001/assignments", headers: [("Authorization", "Bearer tok-bob")])
            try await slow.send(String(repeating: request, count: 300))
            let other = try await LoopbackClient.connect(port: address.port)
            try await other.get("/api/v1/users/self", headers: [("Authorization", "Bearer tok-alice")])
            #expect(try await other.readResponse().status == 200)
            await other.close()
            // Once it reads, the slow client gets every answer, in order.
            try await slow.startReading()
            for _ in 0..<300 { #expect(try await slow.readResponse().status == 200) }
            await slow.close()
        }
    }
}

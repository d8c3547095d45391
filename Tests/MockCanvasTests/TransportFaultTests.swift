import Foundation
import KitPrimitives
import KitTestSupport
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// Faults below HTTP, observed by a raw client on a real socket.
@Suite struct TransportFaultTests {
    /// Runs one request against a mock whose first matching request gets `fault`.
    func firstRequest(with fault: Fault<CanvasWorldChange>, timeout: TimeAmount = LoopbackClient.hangGuard) async throws -> (LoopbackClient.ReadEnd, [JournalEntry]) {
        try await MockCanvas.withRunning(world: try Fixtures.basicWorld()) { canvas, address in
            try canvas.installFaults([FaultRule(match: FaultMatch(nth: 1), fault: fault)])
            let client = try await LoopbackClient.connect(port: address.port)
            try await client.get("/api/v1/courses/2001/assignments", headers: [("Authorization", "Bearer tok-alice")])
            await canvas.waitForRequest(1)  // the mock has decided what to do with it
            let end = try await client.readToEnd(timeout: timeout)
            await client.close()
            return (end, canvas.journal())
        }
    }

    @Test func resetSendsRST() async throws {
        let (end, journal) = try await firstRequest(with: .transport(.reset))
        #expect(end == .reset(received: []))
        #expect(journal.first?.fault == "reset")
        #expect(journal.first?.status == nil)
    }

    @Test func closeWithoutResponseSendsNothing() async throws {
        let (end, _) = try await firstRequest(with: .transport(.closeWithoutResponse))
        #expect(end == .closed(received: []))
    }

    @Test func closeMidHeadersSendsAPartialHead() async throws {
        let (end, _) = try await firstRequest(with: .transport(.closeMidHeaders))
        guard case .closed(let bytes) = end else {
            Issue.record("expected a close, got \(end)")
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(!text.contains("\r\n\r\n"), "the head is cut before its end")
    }

    @Test func closeMidBodyPromisesMoreThanItSends() async throws {
        let (end, _) = try await firstRequest(with: .transport(.closeMidBody))
        guard case .closed(let bytes) = end else {
            Issue.record("expected a close, got \(end)")
            return
        }
        var copy = bytes
        #expect(LoopbackClient.parse(&copy) == nil, "the body is incomplete")
        let text = String(decoding: bytes, as: UTF8.self)
        let declared = text.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Length: ") }.flatMap { Int($0.dropFirst(16)) } ?? 0
        let head = try #require(text.range(of: "\r\n\r\n"))
        #expect(text[head.upperBound...].utf8.count < declared)
    }

    @Test func stallSendsNothingAndKeepsTheConnectionOpen() async throws {
        let (end, journal) = try await firstRequest(with: .transport(.stall), timeout: .milliseconds(200))
        #expect(end == .timedOut(received: []))
        #expect(journal.first?.fault == "stall")
    }

    @Test func stallThenResetSendsNothingThenRST() async throws {
        let start = ContinuousClock.now
        let (end, journal) = try await firstRequest(with: .stallThenReset(milliseconds: 50))
        #expect(end == .reset(received: []))
        #expect(ContinuousClock.now - start >= .milliseconds(50), "the reset comes after the silence")
        #expect(journal.first?.fault == "stall_then_reset")
        #expect(journal.first?.status == nil)
    }

    @Test func delayStillAnswers() async throws {
        try await MockCanvas.withRunning(world: try Fixtures.basicWorld()) { canvas, address in
            try canvas.installFaults([FaultRule(match: FaultMatch(nth: 1), fault: .delay(milliseconds: 50))])
            let client = try await LoopbackClient.connect(port: address.port)
            let start = ContinuousClock.now
            try await client.get("/api/v1/users/self", headers: [("Authorization", "Bearer tok-alice")])
            #expect(try await client.readResponse().status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(50))
            #expect(canvas.journal().first?.fault == "delay")
            await client.close()
        }
    }

    @Test func theNextConnectionIsHealthyAfterEachTransportFault() async throws {
        for transport in TransportFault.allCases where transport != .stall {
            try await MockCanvas.withRunning(world: try Fixtures.basicWorld()) { canvas, address in
                try canvas.installFaults([FaultRule(match: FaultMatch(nth: 1), fault: .transport(transport))])
                let first = try await LoopbackClient.connect(port: address.port)
                try await first.get("/api/v1/users/self", headers: [("Authorization", "Bearer tok-alice")])
                _ = try await first.readToEnd()
                let second = try await LoopbackClient.connect(port: address.port)
                try await second.get("/api/v1/users/self", headers: [("Authorization", "Bearer tok-alice")])
                #expect(try await second.readResponse().status == 200, "after \(transport)")
                await second.close()
            }
        }
    }
}

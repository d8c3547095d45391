import Foundation
import KitPrimitives
import KitTestSupport
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// The same seed and the same requests and control calls give byte-identical responses.
@Suite struct DeterminismTests {
    /// A fixed session: control calls, probabilistic faults, world changes, clock moves, pages.
    func session(seed: UInt64) async throws -> [[UInt8]] {
        try await MockCanvas.withRunning(world: try Fixtures.basicWorld(), seed: seed) { canvas, address in
            let client = try await LoopbackClient.connect(port: address.port)
            var transcript: [[UInt8]] = []
            func exchange(_ request: String) async throws {
                try await client.send(request)
                transcript.append(try await client.readResponse().raw)
            }
            let auth = [("Authorization", "Bearer tok-alice")]
            try await exchange(LoopbackClient.request("POST", "/__mock/install_faults", body: """
                [{"match": {"path": "/api/v1/courses/*/assignments", "probability": 0.4}, "fault": {"kind": "status", "status": 503}},
                 {"match": {"path": "/api/v1/courses", "nth": 2}, "fault": {"kind": "world_change", "changes": [{"change": "touch_assignment", "id": 50002}]}}]
                """))
            for round in 0..<6 {
                try await exchange(LoopbackClient.request("GET", "/api/v1/courses?per_page=1", headers: auth))
                for page in 1...3 {
                    try await exchange(LoopbackClient.request("GET", "/api/v1/courses/2001/assignments?per_page=1&page=\(page)", headers: auth))
                }
                try await exchange(LoopbackClient.request("POST", "/__mock/advance_clock", body: #"{"seconds": 1.5}"#))
                try await exchange(LoopbackClient.request("POST", "/__mock/update_assignment", body: #"{"id": 50001, "name": "v\#(round)"}"#))
            }
            try await exchange(LoopbackClient.request("GET", "/__mock/journal"))
            await client.close()
            return transcript
        }
    }

    @Test func sameSeedGivesByteIdenticalResponsesHeadersIncluded() async throws {
        let first = try await session(seed: 2024)
        let second = try await session(seed: 2024)
        #expect(first.count == 6 * 6 + 2)
        #expect(first == second)
        let statuses = first.map { String(decoding: $0.prefix(12), as: UTF8.self) }
        #expect(statuses.contains("HTTP/1.1 503"), "the probabilistic fault fired at least once")
        #expect(statuses.contains("HTTP/1.1 200"))
    }

    @Test func anotherSeedChangesOnlyTheSeededFaults() async throws {
        let a = try await session(seed: 1)
        let b = try await session(seed: 2)
        #expect(a != b)
        #expect(a.count == b.count)
    }
}

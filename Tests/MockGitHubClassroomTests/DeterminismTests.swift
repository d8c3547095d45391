import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import Testing

/// The same seed and the same requests and control calls give byte-identical responses.
@Suite struct DeterminismTests {
    /// A fixed session: probabilistic faults, world changes, clock moves, pages, rate limits.
    func session(seed: UInt64) async throws -> [[UInt8]] {
        try await Fixtures.withMock(world: try Fixtures.world("many-assignments"), seed: seed) { _, http in
            var transcript: [[UInt8]] = []
            transcript.append(try await http.control("install_faults", """
                [{"match": {"path": "/classrooms/*/assignments", "probability": 0.4}, "fault": {"kind": "status", "status": 502}},
                 {"match": {"path": "/classrooms", "nth": 2}, "fault": {"kind": "world_change", "changes": [{"change": "update_assignment", "id": 90002, "deadline": null}]}}]
                """).raw)
            transcript.append(try await http.control("set_rate_limit", #"{"limit": 20, "secondary_points_per_minute": 8}"#).raw)
            for round in 0..<5 {
                transcript.append(try await http.get("/classrooms?per_page=1", token: "tok-dana").raw)
                for page in 1...3 {
                    transcript.append(try await http.get("/classrooms/7101/assignments?per_page=2&page=\(page)", token: "tok-dana").raw)
                }
                transcript.append(try await http.get("/assignments/9000\(round + 1)", token: "tok-dana").raw)
                transcript.append(try await http.control("advance_clock", #"{"seconds": 7.5}"#).raw)
                transcript.append(try await http.control("update_assignment", #"{"id": 90001, "title": "v\#(round)"}"#).raw)
            }
            transcript.append(try await http.inspect("journal").raw)
            return transcript
        }
    }

    @Test func sameSeedGivesByteIdenticalResponsesHeadersIncluded() async throws {
        let first = try await session(seed: 2024)
        let second = try await session(seed: 2024)
        #expect(first.count == 38, "2 control calls, 5 rounds of 7 exchanges, the journal")
        #expect(first == second)
        let statuses = Set(first.map { String(decoding: $0.prefix(12), as: UTF8.self) })
        #expect(statuses.contains("HTTP/1.1 502"), "the probabilistic fault fired at least once")
        #expect(statuses.contains("HTTP/1.1 403"), "a rate limit was reached")
        #expect(statuses.contains("HTTP/1.1 200"))
    }

    @Test func anotherSeedChangesOnlyTheSeededFaults() async throws {
        let a = try await session(seed: 1)
        let b = try await session(seed: 2)
        #expect(a != b)
        #expect(a.count == b.count)
    }
}

import ExternalAssignmentSync
import KitPrimitives
import MockCanvas
import MockServerCore
import NIOCore
import NIOHTTP1
import Testing

/// `fetchAssignments` (pollExternalSource's platform call) against the mock on loopback.
@Suite struct CanvasConnectorFetchTests {
    @Test func fetchesEveryVisibleAssignmentOfActiveCoursesMappedToTheConcept() async throws {
        try await withCanvasConnector { canvas, connector, origin in
            let raw = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
            try #require(raw.map(\.externalId) == ["50001", "50002", "50003", "60001", "60002"], "no unpublished, deleted or concluded-course items")
            let first = try #require(raw.first)
            #expect(first.details.name == "Problem Set 1")
            #expect(first.details.description == "<p>Read the spec.</p>")
            #expect(first.details.dueDate == Timestamp.parse("2025-09-10T03:59:59Z"))
            #expect(first.externalModificationTimestamp == Timestamp.parse("2025-08-30T10:00:00Z"))
            #expect(raw[1].details.description == nil)
            #expect(raw[2].details.dueDate == nil)
            let paths = canvas.journal().map { $0.path + "?" + $0.query }
            #expect(paths.first == "/api/v1/courses?enrollment_state=active&per_page=100")
            #expect(Set(paths.dropFirst()) == ["/api/v1/courses/2001/assignments?per_page=100", "/api/v1/courses/2002/assignments?per_page=100"])
        }
    }

    @Test func followsLinkNextAcrossThreeOrMorePages() async throws {
        try await withCanvasConnector(world: CanvasFixtures.world(courses: 2, perCourse: 7), configure: { $0.perPage = 3 }) { canvas, connector, origin in
            let raw = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
            #expect(raw.count == 14)
            #expect(Set(raw.map(\.externalId)).count == 14)
            let pages = canvas.journal().filter { $0.path == "/api/v1/courses/5000/assignments" }.map(\.query)
            #expect(pages == ["per_page=3", "page=2&per_page=3", "page=3&per_page=3"])
        }
    }

    /// A sharded install's ids (above 2^53, up to Int64.max) come back digit for digit, whether
    /// the connector asks for string ids (the default) or reads the 64-bit integers.
    @Test(arguments: [true, false])
    func idsAbove2To53ComeBackExactly(stringIDs: Bool) async throws {
        let world = try CanvasWorld.load(contentsOf: CanvasFixtures.packageRoot + "/Scenarios/worlds/sharded-ids.yaml")
        try await withCanvasConnector(world: world, configure: { $0.stringIDs = stringIDs }) { canvas, connector, origin in
            let raw = try await connector.fetchAssignments(CanvasFixtures.details("tok-erin", origin), logger: CanvasFixtures.logger)
            #expect(Set(raw.map(\.externalId)) == ["9007199254740997", "9007199254740999", "18014398509481985", "9223372036854775807"])
            #expect(canvas.journal().contains { $0.path == "/api/v1/courses/9007199254740995/assignments" }, "the course fetched under its own id")
        }
    }

    @Test func offsetTimestampsAreTheSameInstants() async throws {
        let utc = try await withCanvasConnector(world: CanvasFixtures.world(courses: 1, perCourse: 5)) { _, connector, origin in
            try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
        }
        let offset = try await withCanvasConnector(world: CanvasFixtures.world(courses: 1, perCourse: 5, style: .offset(minutes: -360))) { canvas, connector, origin in
            let request = MockRequest(method: "GET", uri: "/api/v1/courses/5000/assignments/100001", headers: ["Authorization": "Bearer tok-alice"])
            #expect(canvas.handle(request).response.body.getString(at: 0, length: 600)?.contains("-06:00") == true)
            return try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
        }
        #expect(utc == offset)
    }

    @Test func anItemThatShiftsAcrossPagesIsReturnedOnce() async throws {
        try await withCanvasConnector(world: CanvasFixtures.world(courses: 1, perCourse: 5), configure: { $0.perPage = 2 }) { canvas, connector, origin in
            // Between page 1 and page 2 a new assignment is inserted first: item 100001 shifts onto page 2.
            try canvas.installFaults([FaultRule(
                match: FaultMatch(path: "/api/v1/courses/5000/assignments", query: ["page": "2"], times: 1),
                fault: .worldChange([.addAssignment(course: 5000, CanvasAssignment(id: 199_999, name: "Inserted", position: 0))]))])
            let raw = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
            let ids = raw.map(\.externalId)
            #expect(ids.count == Set(ids).count, "each externalId once: \(ids)")
            #expect(ids.contains("100001"))
        }
    }

    @Test(arguments: faultsFailingAWholePoll() + [(Fault<CanvasWorldChange>.transport(.closeMidHeaders), SyncError.Code.networkError)])
    func aFaultOnTheSecondPageFailsTheWholePoll(fault: Fault<CanvasWorldChange>, code: SyncError.Code) async throws {
        try await withCanvasConnector(world: CanvasFixtures.world(courses: 2, perCourse: 5), configure: { $0.perPage = 2 }) { canvas, connector, origin in
            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses/5001/assignments", query: ["page": "2"], nth: 1), fault: fault)])
            let error = await SyncError.caught { _ = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger) }
            #expect(error?.code == code, "\(fault.kind): \(String(describing: error))")
            #expect(error.map { !$0.description.contains("tok-alice") } ?? false)
        }
    }

    @Test func aStallTimesOutAsNetworkError() async throws {
        try await withCanvasConnector(configure: { $0.requestTimeout = .milliseconds(300) }) { canvas, connector, origin in
            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses/*/assignments", nth: 1), fault: .transport(.stall))])
            let error = await SyncError.caught { _ = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger) }
            #expect(error?.code == .networkError)
        }
    }

    @Test func aCrossOriginRedirectNeverCarriesTheTokenAway() async throws {
        try await MockCanvas.withRunning(world: CanvasWorld()) { elsewhere, other in
            try await withCanvasConnector { canvas, connector, origin in
                try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses/2002/assignments"), fault: .redirect(origin: other.origin, status: 302))])
                let error = await SyncError.caught { _ = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger) }
                #expect(error?.code == .sourceConnectionError)
                // The token's own origin saw every request; the other origin saw no credential at all.
                #expect(canvas.journal().allSatisfy { $0.host.hasPrefix("127.0.0.1:") && $0.credential == .bearer })
                #expect(elsewhere.journal().allSatisfy { $0.credential == .none })
                #expect(elsewhere.journal().isEmpty, "the connector does not even follow the redirect")
            }
        }
    }

    @Test func aSameOriginRedirectIsFollowedWithTheToken() async throws {
        try await withCanvasConnector { canvas, connector, origin in
            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses/2001/assignments", nth: 1), fault: .redirect(origin: origin, status: 307))])
            let raw = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
            #expect(raw.count == 5)
            #expect(canvas.journal().filter { $0.path == "/api/v1/courses/2001/assignments" }.map(\.status) == [307, 200])
        }
    }

    @Test func slowsDownAsTheRateLimitBucketEmpties() async throws {
        var world = CanvasFixtures.world(courses: 6, perCourse: 2)
        world.rateLimit.highWater = 60
        world.rateLimit.leakPerSecond = 0
        let sleeper = RecordingSleeper()
        try await withCanvasConnector(world: world, configure: { $0.slowdownBelow = 100 }, sleeper: sleeper) { _, connector, origin in
            let raw = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
            #expect(raw.count == 12)
        }
        let pauses = sleeper.recorded
        #expect(pauses.count == 6, "one pause before each course request once the bucket is below 100: \(pauses)")
        #expect(pauses == pauses.sorted(), "longer pauses as the bucket empties")
    }

    @Test func retryIsOffByDefaultAndBoundedWhenOn() async throws {
        try await withCanvasConnector { canvas, connector, origin in
            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses", nth: 1), fault: .status(503, retryAfter: nil))])
            let error = await SyncError.caught { _ = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger) }
            #expect(error?.code == .networkError, "the reference is spec-literal by default")
        }
        let sleeper = RecordingSleeper()
        try await withCanvasConnector(configure: { $0.retry = .init(maxAttempts: 3, initialBackoff: .milliseconds(100)) }, sleeper: sleeper) { canvas, connector, origin in
            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses", times: 2), fault: .throttle(status: 429, retryAfter: 1))])
            let raw = try await connector.fetchAssignments(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
            #expect(raw.count == 5)
            #expect(canvas.journal().filter { $0.path == "/api/v1/courses" }.map(\.status) == [429, 429, 200])
        }
        // Each retry waits for Retry-After (1 s, longer than the 100/200 ms backoff), then paces itself
        // because the throttled answer reported an empty bucket (X-Rate-Limit-Remaining: 0.0).
        #expect(sleeper.recorded == [.seconds(1), .seconds(2), .seconds(1), .seconds(2)])
    }
}

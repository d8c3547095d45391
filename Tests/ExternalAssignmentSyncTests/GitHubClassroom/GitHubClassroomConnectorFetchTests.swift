import ExternalAssignmentSync
import Foundation
import KitPrimitives
import MockGitHubClassroom
import MockServerCore
import Testing

/// `fetch` (pollExternalSource's platform call) against the mock GitHub Classroom on loopback.
@Suite struct GitHubClassroomConnectorFetchTests {
    static func fetch(_ connector: GitHubClassroomConnector, _ origin: String, token: String = "tok-alice") async throws(SyncError) -> [FingerprintedAssignment] {
        try await connector.fetch(GitHubFixtures.details(token, origin), logger: GitHubFixtures.logger).fingerprintedItems
    }

    @Test func fetchesEveryAssignmentOfEveryAdministeredClassroomArchivedIncluded() async throws {
        try await withGitHubConnector { github, connector, origin in
            let items = try await Self.fetch(connector, origin)
            #expect(items == GitHubFixtures.expected(github, token: "tok-alice"))
            try #require(items.map(\.externalId) == ["80001", "80002", "80003", "80004", "80005"])
            #expect(items[0].details == ExternalAssignmentDetails(name: "Problem Set 1", description: nil, dueDate: Timestamp.parse("2025-09-10T03:59:59Z")))
            #expect(items[2].details.dueDate == nil)
            let paths = github.journal().map { $0.path + "?" + $0.query }
            #expect(paths == ["/classrooms?per_page=100", "/classrooms/7001/assignments?per_page=100", "/classrooms/7002/assignments?per_page=100"])
            let bobs = try await Self.fetch(connector, origin, token: "tok-bob")
            #expect(bobs.map(\.externalId) == ["80004", "80005"])
            #expect(try await Self.fetch(connector, origin, token: "tok-carol").isEmpty)
        }
    }

    @Test func followsLinkNextThroughAllPagesOf250Assignments() async throws {
        try await withGitHubConnector(world: GitHubFixtures.world(classrooms: 2, perClassroom: 250)) { github, connector, origin in
            let items = try await Self.fetch(connector, origin, token: "tok-dana")
            #expect(items.count == 500)
            #expect(items == GitHubFixtures.expected(github, token: "tok-dana"))
            let pages = github.journal().filter { $0.path == "/classrooms/7100/assignments" }
            #expect(pages.count == 3)
            #expect(pages.allSatisfy { $0.status == 200 })
        }
    }

    @Test func aSmallPageSizeGivesTheSameList() async throws {
        let world = GitHubFixtures.world(classrooms: 1, perClassroom: 25)
        let large = try await withGitHubConnector(world: world) { _, connector, origin in try await Self.fetch(connector, origin, token: "tok-dana") }
        let small = try await withGitHubConnector(world: world, configure: { $0.perPage = 7 }) { github, connector, origin in
            let items = try await Self.fetch(connector, origin, token: "tok-dana")
            #expect(github.journal().filter { $0.path == "/classrooms/7100/assignments" }.count == 4)
            return items
        }
        #expect(small == large)
    }

    @Test(arguments: faultsFailingAWholePoll() + [(Fault<GitHubClassroomWorldChange>.status(404, retryAfter: nil), SyncError.Code.sourceConnectionError)])
    func aFaultOnALaterPageFailsTheWholePoll(fault: Fault<GitHubClassroomWorldChange>, code: SyncError.Code) async throws {
        try await withGitHubConnector(world: GitHubFixtures.world(classrooms: 2, perClassroom: 5), configure: { $0.perPage = 2 }) { github, connector, origin in
            try github.installFaults([FaultRule(match: FaultMatch(path: "/classrooms/7101/assignments", query: ["page": "2"]), fault: fault)])
            let error = await SyncError.caught { _ = try await Self.fetch(connector, origin, token: "tok-dana") }
            #expect(error?.code == code, "\(fault)")
            #expect(error?.message.contains("tok-dana") == false)
        }
    }

    @Test func thePrimaryRateLimitIsAnApiRateLimitError() async throws {
        var world = GitHubFixtures.world(classrooms: 3, perClassroom: 2)
        world.rateLimit = GitHubRateLimit(limit: 3, status: 403)
        try await withGitHubConnector(world: world) { github, connector, origin in
            let error = await SyncError.caught { _ = try await Self.fetch(connector, origin, token: "tok-dana") }
            #expect(error?.code == .apiRateLimitError)
            #expect(github.journal().last?.status == 403)
        }
    }

    @Test(arguments: [403, 429])
    func aSecondaryLimitIsRetriedAfterRetryAfterOnTheSleeperThenReported(_ status: Int) async throws {
        let sleeper = RecordingSleeper()
        try await withGitHubConnector(configure: { $0.retry = ConnectorRetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(100)) }, sleeper: sleeper) { github, connector, origin in
            try github.installFaults([FaultRule(match: FaultMatch(path: "/classrooms/7002/assignments"), fault: .throttle(status: status, retryAfter: 7))])
            let error = await SyncError.caught { _ = try await Self.fetch(connector, origin) }
            #expect(error?.code == .apiRateLimitError)
            #expect(sleeper.recorded == [.seconds(7), .seconds(7)], "retry-after wins over the shorter backoff")
            #expect(github.journal().filter { $0.path == "/classrooms/7002/assignments" }.count == 3)
        }
    }

    @Test func aTransientFaultIsRetriedIntoACompleteList() async throws {
        let sleeper = RecordingSleeper()
        try await withGitHubConnector(configure: { $0.retry = ConnectorRetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(100)) }, sleeper: sleeper) { github, connector, origin in
            try github.installFaults([FaultRule(match: FaultMatch(path: "/classrooms/7001/assignments", times: 1), fault: .status(502, retryAfter: nil))])
            let items = try await Self.fetch(connector, origin)
            #expect(items == GitHubFixtures.expected(github, token: "tok-alice"))
            #expect(sleeper.recorded == [.milliseconds(100)])
        }
    }

    @Test func aRetryAfterBeyondTheDeadlineIsNotWaitedFor() async throws {
        let sleeper = RecordingSleeper()
        let configure: (inout GitHubClassroomConnector.Configuration) -> Void = {
            $0.retry = ConnectorRetryPolicy(maxAttempts: 3)
            $0.totalTimeout = .seconds(30)
        }
        try await withGitHubConnector(configure: configure, sleeper: sleeper) { github, connector, origin in
            try github.installFaults([FaultRule(match: FaultMatch(path: "/classrooms"), fault: .throttle(status: 403, retryAfter: 3600))])
            let error = await SyncError.caught { _ = try await Self.fetch(connector, origin) }
            #expect(error?.code == .apiRateLimitError)
            #expect(sleeper.recorded.isEmpty)
        }
    }

    @Test func aClassroomWhoseAdminRightsWereRemovedMidPollFailsIt() async throws {
        try await withGitHubConnector { github, connector, origin in
            try github.installFaults([FaultRule(
                match: FaultMatch(path: "/classrooms/7002/assignments", times: 1),
                fault: .worldChange([.removeAdmin(classroom: 7002, login: "alice")]))])
            let error = await SyncError.caught { _ = try await Self.fetch(connector, origin) }
            #expect(error?.code == .sourceConnectionError)
            #expect(github.journal().last?.status == 404)
        }
    }

    @Test func aCrossOriginLinkFailsThePollAndTheTokenIsNotSentThere() async throws {
        try await MockGitHubClassroom.withRunning(world: GitHubClassroomWorld()) { elsewhere, other in
            let github = MockGitHubClassroom(world: GitHubFixtures.world(classrooms: 1, perClassroom: 5))
            let responder = InterposingResponder(inner: github) { request, response in
                for index in response.headers.indices where response.headers[index].name.lowercased() == "link" {
                    response.headers[index].value = response.headers[index].value.replacingOccurrences(of: request.origin, with: other.origin)
                }
            }
            try await withHTTPServer(responder: responder) { address in
                try await withGitHubConnector(configure: { $0.perPage = 2 }) { connector in
                    let error = await SyncError.caught { _ = try await Self.fetch(connector, address.origin, token: "tok-dana") }
                    #expect(error?.code == .sourceConnectionError)
                }
            }
            #expect(elsewhere.journal().isEmpty, "the next page on another origin is never requested")
        }
    }

    @Test func aSameOriginRedirectIsFollowedWithTheToken() async throws {
        try await withGitHubConnector { github, connector, origin in
            try github.installFaults([FaultRule(match: FaultMatch(path: "/classrooms/7001/assignments", nth: 1), fault: .redirect(origin: origin, status: 307))])
            let items = try await Self.fetch(connector, origin)
            #expect(items.count == 5)
            #expect(github.journal().filter { $0.path == "/classrooms/7001/assignments" }.map(\.status) == [307, 200])
        }
    }
}

import AsyncHTTPClient
import ExternalAssignmentSync
import KitPrimitives
import KitTestSupport
import Logging
import MockGitHubClassroom
import MockServerCore
import NIOCore
import Synchronization

/// Runs `body` with a mock GitHub Classroom on loopback and a connector pointed at it.
func withGitHubConnector<R: Sendable>(
    world: GitHubClassroomWorld? = nil,
    configure: (inout GitHubClassroomConnector.Configuration) -> Void = { _ in },
    sleeper: RecordingSleeper = RecordingSleeper(),
    _ body: (MockGitHubClassroom, GitHubClassroomConnector, String) async throws -> R
) async throws -> R {
    let world = try world ?? GitHubFixtures.basicWorld()
    let mock = MockGitHubClassroom(world: world, seed: 7)
    return try await mock.withServer { address in
        try await withGitHubConnector(configure: configure, sleeper: sleeper) { connector in
            try await body(mock, connector, address.origin)
        }
    }
}

/// Runs `body` with a connector on its own HTTP client (shut down afterwards).
func withGitHubConnector<R: Sendable>(
    configure: (inout GitHubClassroomConnector.Configuration) -> Void = { _ in },
    sleeper: RecordingSleeper = RecordingSleeper(),
    _ body: (GitHubClassroomConnector) async throws -> R
) async throws -> R {
    var configuration = GitHubClassroomConnector.Configuration()
    configuration.requestTimeout = HealthyTimeouts.platformRequest
    configure(&configuration)
    return try await withConnectorHTTPClient { client in
        try await body(GitHubClassroomConnector(client: client, configuration: configuration, sleeper: sleeper))
    }
}

/// A responder that answers through `inner` and lets a test rewrite the answer or record the request.
struct InterposingResponder: HTTPResponder {
    let inner: MockGitHubClassroom
    let rewrite: @Sendable (MockRequest, inout MockResponse) -> Void

    func respond(to request: MockRequest) async -> ResponsePlan {
        var plan = await inner.respond(to: request)
        rewrite(request, &plan.response)
        return plan
    }
}

enum GitHubFixtures {
    static let logger = Logger(label: "github-connector-tests")
    static let clock = Timestamp(seconds: 1_756_728_000)

    static func basicWorld() throws -> GitHubClassroomWorld {
        try GitHubClassroomWorld.load(contentsOf: PackageRoot.path + "/Scenarios/worlds/github-classroom/basic.yaml")
    }

    static func details(_ token: String = "tok-alice", _ origin: String) -> ConnectionDetails {
        ConnectionDetails(apiToken: token, baseUrl: origin)
    }

    /// One teacher administering `classrooms` classrooms with `perClassroom` assignments each.
    static func world(classrooms: Int, perClassroom: Int) -> GitHubClassroomWorld {
        var rooms: [GitHubClassroom] = []
        var assignments: [GitHubClassroomAssignment] = []
        for c in 0..<classrooms {
            let room = Int64(7100 + c)
            rooms.append(GitHubClassroom(id: room, name: "Classroom \(c)", admins: ["dana"]))
            for a in 0..<perClassroom {
                assignments.append(GitHubClassroomAssignment(
                    id: Int64(90_000 + c * 1000 + a), classroom: room, title: "Exercise \(c).\(a)",
                    deadline: a % 5 == 0 ? nil : Timestamp(seconds: 1_759_000_000 + Int64(a) * 86_400)))
            }
        }
        return GitHubClassroomWorld(
            clock: clock, users: [GitHubUser(id: 2001, login: "dana", tokens: [PlatformToken(token: "tok-dana")])],
            classrooms: rooms, assignments: assignments)
    }

    /// The concept's view of what `token` sees, from the mock's oracle.
    static func expected(_ mock: MockGitHubClassroom, token: String) -> [FingerprintedAssignment] {
        (mock.assignmentsVisible(to: token) ?? []).map {
            FingerprintedAssignment(externalId: String($0.id), details: ExternalAssignmentDetails(name: $0.title, description: nil, dueDate: $0.deadline))
        }
    }
}

extension FetchedAssignments {
    /// The fingerprinted items (empty for a timestamped list).
    var fingerprintedItems: [FingerprintedAssignment] {
        if case .fingerprinted(let items) = self { return items }
        return []
    }
}

import ExternalAssignmentSync
import KitPrimitives
import MockGitHubClassroom
import MockServerCore
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// `validate` (connectSource's platform call) against the mock GitHub Classroom on loopback.
@Suite struct GitHubClassroomConnectorValidateTests {
    @Test func aGoodTokenValidatesWithGitHubsHeaders() async throws {
        try await withGitHubConnector { github, connector, origin in
            try await connector.validate(GitHubFixtures.details("tok-alice", origin), logger: GitHubFixtures.logger)
            let entry = try #require(github.journal().last)
            #expect(entry.path == "/user")
            #expect(entry.credential == .bearer)
            #expect(entry.status == 200)
        }
    }

    @Test func everyRequestCarriesAcceptApiVersionAndUserAgent() async throws {
        let seen = RequestLog()
        let github = MockGitHubClassroom(world: try GitHubFixtures.basicWorld())
        let responder = InterposingResponder(inner: github) { request, _ in seen.append(request.headers) }
        try await withHTTPServer(responder: responder) { address in
            try await withGitHubConnector { connector in
                try await connector.validate(GitHubFixtures.details("tok-alice", address.origin), logger: GitHubFixtures.logger)
            }
        }
        let headers = try #require(seen.all.first)
        #expect(headers.first(name: "accept") == "application/vnd.github+json")
        #expect(headers.first(name: "authorization") == "Bearer tok-alice")
        #expect(headers.first(name: "x-github-api-version") == "2022-11-28")
        #expect(headers.first(name: "user-agent")?.isEmpty == false)
    }

    @Test(arguments: ["tok-wrong", "tok-old", "tok-gone"])
    func anUnknownExpiredOrRevokedTokenIsInvalidCredentials(_ token: String) async throws {
        try await withGitHubConnector { github, connector, origin in
            let error = await SyncError.caught { try await connector.validate(GitHubFixtures.details(token, origin), logger: GitHubFixtures.logger) }
            #expect(error?.code == .invalidCredentialsError)
            #expect(error?.message.contains("Bad credentials") == true)
            #expect(error?.message.contains(token) == false)
            #expect(github.journal().last?.status == 401)
        }
    }

    @Test(arguments: [
        (Fault<GitHubClassroomWorldChange>.html(status: 200), SyncError.Code.invalidCredentialsError),
        (.html(status: 404), .invalidCredentialsError),
        (.status(404, retryAfter: nil), .invalidCredentialsError),
        (.status(500, retryAfter: nil), .networkError),
        (.status(503, retryAfter: 1), .networkError),
        (.throttle(status: 429, retryAfter: 2), .networkError),
        (.malformedJSON, .networkError),
        (.truncatedBody, .networkError),
        (.transport(.reset), .networkError),
        (.transport(.closeMidBody), .networkError),
    ])
    func aBaseURLThatIsNotGitHubOrFailsMapsAsAtConnect(_ fault: Fault<GitHubClassroomWorldChange>, _ code: SyncError.Code) async throws {
        try await withGitHubConnector { github, connector, origin in
            try github.installFaults([FaultRule(match: FaultMatch(path: "/user"), fault: fault)])
            let error = await SyncError.caught { try await connector.validate(GitHubFixtures.details("tok-alice", origin), logger: GitHubFixtures.logger) }
            #expect(error?.code == code, "\(fault)")
        }
    }

    @Test func jsonThatIsNotAGitHubUserIsInvalidCredentials() async throws {
        let github = MockGitHubClassroom(world: try GitHubFixtures.basicWorld())
        let responder = InterposingResponder(inner: github) { _, response in response = .json(200, text: #"{"status":"ok"}"#) }
        try await withHTTPServer(responder: responder) { address in
            try await withGitHubConnector { connector in
                let error = await SyncError.caught { try await connector.validate(GitHubFixtures.details("tok-alice", address.origin), logger: GitHubFixtures.logger) }
                #expect(error?.code == .invalidCredentialsError)
            }
        }
    }

    @Test func aCrossOriginRedirectAtConnectIsANetworkErrorAndTheTokenStaysHome() async throws {
        try await MockGitHubClassroom.withRunning(world: GitHubClassroomWorld()) { elsewhere, other in
            try await withGitHubConnector { github, connector, origin in
                try github.installFaults([FaultRule(match: FaultMatch(path: "/user"), fault: .redirect(origin: other.origin, status: 301))])
                let error = await SyncError.caught { try await connector.validate(GitHubFixtures.details("tok-alice", origin), logger: GitHubFixtures.logger) }
                #expect(error?.code == .networkError)
                #expect(elsewhere.journal().isEmpty)
            }
        }
    }

    @Test(arguments: ["", "api.github.com", "ftp://api.github.com", "https://user@api.github.com"])
    func malformedDetailsAreInvalidCredentialsWithoutARequest(_ baseUrl: String) async throws {
        try await withGitHubConnector { connector in
            let error = await SyncError.caught { try await connector.validate(ConnectionDetails(apiToken: "tok", baseUrl: baseUrl), logger: GitHubFixtures.logger) }
            #expect(error?.code == .invalidCredentialsError)
        }
    }
}

/// Headers seen by an interposing responder.
final class RequestLog: Sendable {
    private let entries = Mutex<[HTTPHeaders]>([])
    func append(_ headers: HTTPHeaders) { entries.withLock { $0.append(headers) } }
    var all: [HTTPHeaders] { entries.withLock { $0 } }
}

import ExternalAssignmentSync
import KitPrimitives
import MockCanvas
import MockServerCore
import Testing

/// `validate` (connectSource's credential check) against the mock on loopback.
@Suite struct CanvasConnectorValidateTests {
    @Test func aValidTokenValidatesWithOneUsersSelfRequest() async throws {
        try await withCanvasConnector { canvas, connector, origin in
            try await connector.validate(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger)
            #expect(canvas.journal().map(\.path) == ["/api/v1/users/self"])
            #expect(canvas.journal().first?.credential == .bearer)
        }
    }

    @Test(arguments: ["nope", "tok-old", "tok-gone"])
    func rejectedTokensAreInvalidCredentials(token: String) async throws {
        try await withCanvasConnector { _, connector, origin in
            let error = await SyncError.caught { try await connector.validate(CanvasFixtures.details(token, origin), logger: CanvasFixtures.logger) }
            #expect(error?.code == .invalidCredentialsError)
            #expect(error.map { !$0.description.contains(token) } ?? false, "the token never appears in an error")
        }
    }

    @Test(arguments: [
        (Fault<CanvasWorldChange>.status(500, retryAfter: nil), SyncError.Code.networkError),
        (.status(503, retryAfter: nil), .networkError),
        (.throttle(status: nil, retryAfter: nil), .networkError),
        (.throttle(status: 429, retryAfter: 1), .networkError),
        (.malformedJSON, .networkError),
        (.truncatedBody, .networkError),
        (.transport(.reset), .networkError),
        (.transport(.closeWithoutResponse), .networkError),
        (.transport(.closeMidBody), .networkError),
        (.html(status: 200), .invalidCredentialsError),
        (.redirect(origin: "http://127.0.0.1:9", status: 302), .networkError),
    ])
    func faultsAtConnectMapPerDesign(fault: Fault<CanvasWorldChange>, code: SyncError.Code) async throws {
        try await withCanvasConnector { canvas, connector, origin in
            try canvas.installFaults([FaultRule(match: FaultMatch(nth: 1), fault: fault)])
            let error = await SyncError.caught { try await connector.validate(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger) }
            #expect(error?.code == code, "\(fault.kind): \(String(describing: error))")
        }
    }

    @Test func aStalledCanvasTimesOutAsNetworkError() async throws {
        try await withCanvasConnector(configure: { $0.requestTimeout = .milliseconds(300) }) { canvas, connector, origin in
            try canvas.installFaults([FaultRule(match: FaultMatch(nth: 1), fault: .transport(.stall))])
            let error = await SyncError.caught { try await connector.validate(CanvasFixtures.details("tok-alice", origin), logger: CanvasFixtures.logger) }
            #expect(error?.code == .networkError)
        }
    }

    @Test func aBaseURLThatIsNotCanvasIsInvalidCredentials() async throws {
        try await withCanvasConnector { _, connector, origin in
            // The mock answers non-API paths with an HTML 404, as a web server that is not Canvas would.
            let error = await SyncError.caught { try await connector.validate(CanvasFixtures.details("tok-alice", origin + "/not-canvas"), logger: CanvasFixtures.logger) }
            #expect(error?.code == .invalidCredentialsError)
            let malformed = await SyncError.caught { try await connector.validate(CanvasFixtures.details("tok-alice", "canvas.example.edu"), logger: CanvasFixtures.logger) }
            #expect(malformed?.code == .invalidCredentialsError)
        }
    }

    @Test func anUnreachableBaseURLIsNetworkError() async throws {
        try await withCanvasConnector { _, connector, _ in
            // Port 9 (discard) is closed on loopback: the connection is refused.
            let error = await SyncError.caught { try await connector.validate(CanvasFixtures.details("tok-alice", "http://127.0.0.1:9"), logger: CanvasFixtures.logger) }
            #expect(error?.code == .networkError)
        }
    }
}

import AsyncHTTPClient
import ExternalAssignmentSync
import KitTestSupport
import MockServerCore
import Synchronization

/// Records the pauses a connector asks for and returns at once (no real waiting in tests).
final class RecordingSleeper: Sleeper {
    private let pauses = Mutex<[Duration]>([])
    var recorded: [Duration] { pauses.withLock { $0 } }
    func sleep(for duration: Duration) async throws { pauses.withLock { $0.append(duration) } }
}

/// Runs `body` with an HTTP client made as connectors make theirs (healthy test timeouts), shut
/// down afterwards whether `body` threw or not.
func withConnectorHTTPClient<R: Sendable>(_ body: (HTTPClient) async throws -> R) async throws -> R {
    try await CanvasConnector.withHTTPClient(connectTimeout: HealthyTimeouts.platformRequest, readTimeout: HealthyTimeouts.platformRequest, body)
}

/// The faults on a later page of a list that fail a whole poll on either platform, with the error
/// each gives (interpretation 6, Scenarios/README.md); each platform's test adds its own few.
func faultsFailingAWholePoll<Change: PlatformChange>() -> [(Fault<Change>, SyncError.Code)] {
    [
        (.revokeToken, .sourceConnectionError),
        (.expireToken, .sourceConnectionError),
        (.throttle(status: nil, retryAfter: nil), .apiRateLimitError),
        (.throttle(status: 429, retryAfter: 2), .apiRateLimitError),
        (.status(500, retryAfter: nil), .networkError),
        (.status(502, retryAfter: nil), .networkError),
        (.status(503, retryAfter: 1), .networkError),
        (.status(504, retryAfter: nil), .networkError),
        (.malformedJSON, .networkError),
        (.truncatedBody, .networkError),
        (.html(status: 200), .sourceConnectionError),
        (.transport(.reset), .networkError),
        (.transport(.closeWithoutResponse), .networkError),
        (.transport(.closeMidBody), .networkError),
    ]
}

import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

extension GitHubClassroomSession {
    /// GETs `url` with the token: follows same-origin redirects, maps failures to spec errors, and
    /// retries transient ones when the connector has a retry policy (never waiting past the deadline).
    func get(_ url: String) async throws(SyncError) -> PlatformResponse {
        try await ConnectorRetry.run(
            policy: connector.configuration.retry, sleeper: connector.sleeper, latestWake: deadline, logger: logger,
            platform: "GitHub"
        ) { () async throws(ConnectorFailure) -> PlatformResponse in
            try await getOnce(url)
        }
    }

    private func getOnce(_ url: String) async throws(ConnectorFailure) -> PlatformResponse {
        let response = try await response(url)
        guard (200..<300).contains(response.status) else {
            throw GitHubClassroomErrorMapping.status(response.status, headers: response.headers, body: String(buffer: response.body), phase: phase)
        }
        return response
    }
}

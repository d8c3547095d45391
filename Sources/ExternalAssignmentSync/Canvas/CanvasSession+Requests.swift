import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

extension CanvasSession {
    /// GETs `url` with the token: paces itself by the bucket, follows same-origin redirects, maps
    /// failures to spec errors, and retries transient ones when the connector has a retry policy.
    func get(_ url: String) async throws(SyncError) -> PlatformResponse {
        try await ConnectorRetry.run(
            policy: connector.configuration.retry, sleeper: connector.sleeper, logger: logger, platform: "Canvas"
        ) { () async throws(Failure) -> PlatformResponse in
            try await getOnce(url)
        }
    }

    /// A failure, with the server's `Retry-After` when it sent one.
    typealias Failure = ConnectorFailure

    private func getOnce(_ url: String) async throws(Failure) -> PlatformResponse {
        let bucket = self.bucket
        let response = try await response(url, before: { () async throws(Failure) in try await paceForRateLimit() }) { response in
            if let remaining = response.headers.first(name: "x-rate-limit-remaining").flatMap(Double.init) { bucket.record(remaining) }
        }
        guard (200..<300).contains(response.status) else {
            let retryAfter = response.headers.first(name: "retry-after").flatMap(Int64.init).map { Duration.seconds($0) }
            throw Failure(error: CanvasErrorMapping.status(response.status, body: String(buffer: response.body), phase: phase), retryAfter: retryAfter)
        }
        return response
    }

    /// Waits before a request while the bucket is low, longer as it empties.
    private func paceForRateLimit() async throws(Failure) {
        let threshold = connector.configuration.slowdownBelow
        guard let remaining = bucket.current, remaining < threshold, threshold > 0 else { return }
        let share = max(0, min(1, 1 - remaining / threshold))
        try await pause(connector.configuration.maxSlowdownPause * share)
    }

    private func pause(_ duration: Duration) async throws(Failure) {
        do {
            try await ConnectorRetry.pause(duration, on: connector.sleeper)
        } catch {
            throw Failure(error: error)
        }
    }
}

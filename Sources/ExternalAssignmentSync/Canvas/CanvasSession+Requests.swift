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

    private func getOnce(_ firstURL: String) async throws(Failure) -> PlatformResponse {
        var url = firstURL
        for _ in 0..<4 {
            try await paceForRateLimit()
            let response = try await send(url)
            if let remaining = response.headers.first(name: "x-rate-limit-remaining").flatMap(Double.init) {
                bucket.record(remaining)
            }
            switch response.status {
            case 200..<300:
                return response
            case 301, 302, 303, 307, 308:
                guard let location = response.headers.first(name: "location"),
                    let target = ConnectorHTTP.resolve(location, against: url), PlatformBaseURL.origin(of: target) == base.origin
                else { throw Failure(error: CanvasErrorMapping.crossOriginRedirect(phase: phase)) }
                url = target
            default:
                let body = String(buffer: response.body)
                let retryAfter = response.headers.first(name: "retry-after").flatMap(Int64.init).map { Duration.seconds($0) }
                throw Failure(error: CanvasErrorMapping.status(response.status, body: body, phase: phase), retryAfter: retryAfter)
            }
        }
        throw Failure(error: SyncError(code: .networkError, message: "Canvas redirected too many times"))
    }

    private func send(_ url: String) async throws(Failure) -> PlatformResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Authorization", value: "Bearer " + token)
        request.headers.add(name: "Accept", value: connector.configuration.stringIDs ? "application/json+canvas-string-ids" : "application/json")
        request.headers.add(name: "User-Agent", value: "ExternalAssignmentSync-reference/0.1")
        let requestDeadline = min(deadline, .now() + TimeAmount(connector.configuration.requestTimeout))
        guard requestDeadline > .now() else {
            throw Failure(error: SyncError(code: .networkError, message: "the call ran out of time (total timeout \(connector.configuration.totalTimeout))"))
        }
        let path = url.dropFirst(base.origin.count).prefix { $0 != "?" }
        do {
            let response = try await connector.client.execute(request, deadline: requestDeadline, logger: logger)
            let body = try await response.body.collect(upTo: connector.configuration.maxBodyBytes)
            logger.debug("Canvas request", metadata: ["path": "\(path)", "status": "\(response.status.code)"])
            return PlatformResponse(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            logger.debug("Canvas request failed", metadata: ["path": "\(path)", "error": "\(type(of: error))"])
            throw Failure(error: SyncError(code: .networkError, message: Self.describeTransport(error)))
        }
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

    /// A readable, token-free description of a transport failure.
    static func describeTransport(_ error: any Error) -> String {
        ConnectorHTTP.describeTransport(error, platform: "Canvas")
    }
}

import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// A complete Canvas answer.
struct CanvasResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
}

extension CanvasSession {
    /// GETs `url` with the token: paces itself by the bucket, follows same-origin redirects, maps
    /// failures to spec errors, and retries transient ones when the connector has a retry policy.
    func get(_ url: String) async throws(SyncError) -> CanvasResponse {
        let policy = connector.configuration.retry
        var attempt = 1
        var backoff = policy?.initialBackoff ?? .zero
        while true {
            do {
                return try await getOnce(url)
            } catch let failure {
                guard let policy, attempt < policy.maxAttempts,
                    failure.error.code == .networkError || failure.error.code == .apiRateLimitError
                else { throw failure.error }
                let wait = max(backoff, failure.retryAfter ?? .zero)
                logger.debug("retrying Canvas request", metadata: ["attempt": "\(attempt)", "code": "\(failure.error.code)", "wait": "\(wait)"])
                do {
                    try await pause(wait)
                } catch {
                    throw error.error
                }
                attempt += 1
                backoff *= 2
            }
        }
    }

    /// A failure, with the server's `Retry-After` when it sent one.
    struct Failure: Error {
        var error: SyncError
        var retryAfter: Duration?
    }

    private func getOnce(_ firstURL: String) async throws(Failure) -> CanvasResponse {
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
                    let target = resolve(location, against: url), CanvasBaseURL.origin(of: target) == base.origin
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

    private func send(_ url: String) async throws(Failure) -> CanvasResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Authorization", value: "Bearer " + token)
        request.headers.add(name: "Accept", value: "application/json")
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
            return CanvasResponse(status: Int(response.status.code), headers: response.headers, body: body)
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
        guard duration > .zero else { return }
        do {
            try await connector.sleeper.sleep(for: duration)
        } catch {
            throw Failure(error: SyncError(code: .networkError, message: "the call was cancelled"))
        }
    }

    /// An absolute URL for a `Location` value (absolute, or absolute-path on the current origin).
    private func resolve(_ location: String, against current: String) -> String? {
        if location.hasPrefix("http://") || location.hasPrefix("https://") { return location }
        guard location.hasPrefix("/"), let origin = CanvasBaseURL.origin(of: current) else { return nil }
        return origin + location
    }

    /// A readable, token-free description of a transport failure.
    static func describeTransport(_ error: any Error) -> String {
        let kind = String(describing: error)
        // One message whichever timer fired first (read, connect or the request's deadline race each
        // other), so the same run always reports the same words.
        if kind.contains("deadlineExceeded") || kind.contains("readTimeout") || kind.contains("connectTimeout") {
            return "Canvas did not answer in time"
        }
        if kind.contains("connectionRefused") || kind.contains("Connection refused") {
            return "could not connect to Canvas (connection refused)"
        }
        if kind.contains("remoteConnectionClosed") || kind.contains("Connection reset") || kind.contains("ECONNRESET") {
            return "Canvas closed the connection before a complete answer"
        }
        if kind.contains("responseBodyTooBig") || kind.contains("tooMany") {
            return "Canvas sent a body larger than the connector accepts"
        }
        return "the connection to Canvas failed (\(type(of: error)))"
    }
}

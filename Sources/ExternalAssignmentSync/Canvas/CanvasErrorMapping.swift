import Foundation

/// Which spec error a failed Canvas call becomes (interpretation 6, Scenarios/README.md).
///
/// | answer | connect | poll |
/// |---|---|---|
/// | 401 | InvalidCredentialsError | SourceConnectionError |
/// | 403 or 429 "Rate Limit Exceeded" | NetworkError | ApiRateLimitError |
/// | other 403 (no permission) | InvalidCredentialsError | SourceConnectionError |
/// | 404, other 4xx, HTML, a cross-origin redirect | InvalidCredentialsError (not Canvas) | SourceConnectionError |
/// | 5xx, transport failure, timeout, truncated or malformed JSON | NetworkError | NetworkError |
///
/// A cross-origin redirect at connect is a `NetworkError` (the details may be fine; the server is not
/// answering as Canvas should), at poll a `SourceConnectionError`.
enum CanvasErrorMapping {
    static func status(_ status: Int, body: String, phase: PlatformPhase) -> SyncError {
        let canvasMessage = message(in: body)
        switch status {
        case 401:
            return phase == .connect
                ? SyncError(code: .invalidCredentialsError, message: "Canvas rejected the token (401\(canvasMessage))")
                : SyncError(code: .sourceConnectionError, message: "Canvas no longer accepts the token (401\(canvasMessage))")
        case 429,  // always a throttle; a 403 only when Canvas says so
            403 where body.contains("Rate Limit Exceeded"):
            return phase == .connect
                ? SyncError(code: .networkError, message: "Canvas throttled the request (\(status) Rate Limit Exceeded)")
                : SyncError(code: .apiRateLimitError, message: "Canvas rate limit exceeded (\(status))")
        case 500...599:
            return SyncError(code: .networkError, message: "Canvas answered \(status)")
        default:
            return notCanvas("answered \(status)\(canvasMessage)", phase: phase)
        }
    }

    static func notCanvas(_ what: String, phase: PlatformPhase) -> SyncError {
        phase == .connect
            ? SyncError(code: .invalidCredentialsError, message: "the base URL does not behave as Canvas: it \(what)")
            : SyncError(code: .sourceConnectionError, message: "the source no longer behaves as Canvas: it \(what)")
    }

    /// `: <message>` from a Canvas error body (`{"errors":[{"message":…}]}`), or empty.
    static func message(in body: String) -> String {
        guard let range = body.range(of: #""message":""#) else { return "" }
        let rest = body[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return "" }
        let text = rest[..<end]
        return text.count <= 120 ? ": " + text : ""
    }
}

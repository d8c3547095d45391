import Foundation
import NIOHTTP1

/// Which spec error a failed GitHub call becomes (interpretation 6 (Scenarios/README.md), read for GitHub).
///
/// | answer | connect | poll |
/// |---|---|---|
/// | 401 (`Bad credentials`) | InvalidCredentialsError | SourceConnectionError |
/// | 403 or 429 rate limit (`x-ratelimit-remaining: 0`, `retry-after`, a rate-limit message; any 429) | NetworkError | ApiRateLimitError |
/// | other 403 (no permission) | InvalidCredentialsError | SourceConnectionError |
/// | 404 (a base URL that is not GitHub; a listed classroom no longer visible), other 4xx, HTML, a cross-origin redirect | InvalidCredentialsError (not GitHub) | SourceConnectionError |
/// | 5xx, transport failure, timeout, truncated or malformed JSON | NetworkError | NetworkError |
///
/// A cross-origin redirect at connect is a `NetworkError` (the details may be fine; the server is not
/// answering as GitHub should), at poll a `SourceConnectionError`.
enum GitHubClassroomErrorMapping {
    /// How long GitHub asks a client to wait after a secondary rate limit that names no `retry-after`.
    static let secondaryLimitMinimumWait: Duration = .seconds(60)

    /// The error for a non-2xx answer, and how long to wait before a retry (rate limits only).
    static func status(_ status: Int, headers: HTTPHeaders, body: String, phase: PlatformPhase) -> ConnectorFailure {
        let gitHubMessage = message(in: body)
        switch status {
        case 401:
            return ConnectorFailure(error: phase == .connect
                ? SyncError(code: .invalidCredentialsError, message: "GitHub rejected the token (401\(gitHubMessage))")
                : SyncError(code: .sourceConnectionError, message: "GitHub no longer accepts the token (401\(gitHubMessage))"))
        case 403 where isRateLimited(status, headers: headers, body: body), 429:
            let error = phase == .connect
                ? SyncError(code: .networkError, message: "GitHub throttled the request (\(status)\(gitHubMessage))")
                : SyncError(code: .apiRateLimitError, message: "GitHub rate limit exceeded (\(status)\(gitHubMessage))")
            let retryAfter = headers.first(name: "retry-after").flatMap(Int64.init).map { Duration.seconds($0) }
            return ConnectorFailure(error: error, retryAfter: retryAfter ?? secondaryLimitMinimumWait)
        case 500...599:
            return ConnectorFailure(error: SyncError(code: .networkError, message: "GitHub answered \(status)"))
        default:
            return ConnectorFailure(error: notGitHub("answered \(status)\(gitHubMessage)", phase: phase))
        }
    }

    /// Whether a 403 or 429 is a primary or secondary rate limit rather than a permission refusal.
    static func isRateLimited(_ status: Int, headers: HTTPHeaders, body: String) -> Bool {
        if status == 429 { return true }
        if headers.first(name: "x-ratelimit-remaining") == "0" || headers.first(name: "retry-after") != nil { return true }
        let lowered = body.lowercased()
        return lowered.contains("rate limit") || lowered.contains("abuse detection")
    }

    /// The error for an answer that is not GitHub's (the wrong shape, HTML, a 404 for the API).
    static func notGitHub(_ what: String, phase: PlatformPhase) -> SyncError {
        phase == .connect
            ? SyncError(code: .invalidCredentialsError, message: "the base URL does not behave as the GitHub API: it \(what)")
            : SyncError(code: .sourceConnectionError, message: "the source no longer behaves as GitHub Classroom: it \(what)")
    }

    /// `: <message>` from a GitHub error body (`{"message":"Bad credentials",…}`), or empty.
    static func message(in body: String) -> String {
        guard let range = body.range(of: #""message":""#) ?? body.range(of: #""message": ""#) else { return "" }
        let rest = body[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return "" }
        let text = rest[..<end]
        return text.count <= 120 ? ": " + text : ""
    }
}

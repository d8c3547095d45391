import KitPrimitives
import MockServerCore
import NIOCore
import NIOHTTP1

/// The GitHub Classroom REST surface the mock serves, as pure functions of the request and the state.
///
/// Order of checks follows GitHub: a presented credential is checked first (`401 Bad credentials`),
/// then an anonymous request to a known route is refused (`401 Requires authentication`), then the
/// user's primary and secondary limits (403 or 429), then routing and lookups (`404 Not Found`,
/// which is also the answer for a classroom the user does not administer). Every response carries
/// the `x-ratelimit-*` headers of the bucket the request counted against.
enum GitHubClassroomAPI {
    static let docsRoot = "https://docs.github.com/rest"
    static let rateLimitDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
    static let secondaryMessage = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."

    static func respond(to request: MockRequest, state: inout GitHubClassroomState) -> PlatformOutcome {
        let credential = GitHubCredential.read(request)
        let route = GitHubRoute(method: request.method, path: request.path)
        let limit = state.world.rateLimit
        let now = state.clock.now

        // A credential GitHub cannot use, or none at all: the unauthenticated bucket.
        func anonymous(_ response: MockResponse, tokenState: String?) -> PlatformOutcome {
            let status = state.runtime.limiter.chargeUnauthenticated(now: now, limit: limit)
            return PlatformOutcome(response: decorate(response, status), credential: credential.kind, tokenState: tokenState)
        }
        let authorization = request.headers.first(name: "authorization")
        guard let token = credential.token else {
            if authorization != nil { return anonymous(badCredentials(), tokenState: "invalid") }
            guard let route else { return anonymous(notFound(docsRoot), tokenState: nil) }
            return anonymous(error(401, "Requires authentication", route.documentationURL), tokenState: nil)
        }
        guard let (u, t) = state.runtime.index.tokens[token] else { return anonymous(badCredentials(), tokenState: "invalid") }
        let user = state.world.users[u]
        switch user.tokens[t].effectiveState(at: now) {
        case .expired: return anonymous(badCredentials(), tokenState: "expired")
        case .revoked: return anonymous(badCredentials(), tokenState: "revoked")
        case .active: break
        }

        let response: MockResponse
        switch state.runtime.limiter.admit(user: user.id, now: now, limit: limit) {
        case .primaryExceeded(let status):
            response = decorate(primaryExceeded(userID: user.id, status: limit.status), status)
        case .secondaryExceeded(let status, let retryAfter):
            response = decorate(secondaryExceeded(status: limit.secondaryStatus, retryAfter: retryAfter), status)
        case .admitted(let status):
            let context = GitHubRequestContext(request: request, user: user, state: state)
            response = decorate(route.map(context.handle) ?? notFound(docsRoot), status)
        }
        return PlatformOutcome(response: response, credential: credential.kind, tokenState: "valid", user: user.login)
    }

    // MARK: - Responses

    /// Adds GitHub's media-type, version and rate-limit headers.
    static func decorate(_ response: MockResponse, _ status: GitHubRateLimiter.Status) -> MockResponse {
        var response = response
        response.headers.append(("x-github-media-type", "github.v3; format=json"))
        response.headers.append(("x-github-api-version-selected", "2022-11-28"))
        response.headers.append(contentsOf: status.headers)
        return response
    }

    /// GitHub's error body: `{"message", "documentation_url", "status"}` (the status as a string).
    static func error(_ status: Int, _ message: String, _ documentation: String, headers: [(name: String, value: String)] = []) -> MockResponse {
        let body: JSONValue = .object([
            ("message", .string(message)), ("documentation_url", .string(documentation)), ("status", .string(String(status))),
        ])
        return .json(status, ByteBuffer(bytes: body.bytes), headers: headers)
    }

    static func badCredentials() -> MockResponse { error(401, "Bad credentials", docsRoot) }

    static func notFound(_ documentation: String) -> MockResponse { error(404, "Not Found", documentation) }

    /// The primary limit's response (`x-ratelimit-remaining: 0` comes from the limiter's status).
    static func primaryExceeded(userID: Int64, status: Int) -> MockResponse {
        let body: JSONValue = .object([
            ("message", .string("API rate limit exceeded for user ID \(userID).")), ("documentation_url", .string(rateLimitDocs)),
        ])
        return .json(status, ByteBuffer(bytes: body.bytes))
    }

    /// The secondary limit's response, with `retry-after`.
    static func secondaryExceeded(status: Int, retryAfter: Int) -> MockResponse {
        let body: JSONValue = .object([
            ("message", .string(secondaryMessage)),
            ("documentation_url", .string(rateLimitDocs + "#about-secondary-rate-limits")),
        ])
        return .json(status, ByteBuffer(bytes: body.bytes), headers: [("retry-after", String(retryAfter))])
    }
}

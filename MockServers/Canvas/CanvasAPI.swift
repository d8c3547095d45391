import KitPrimitives
import MockServerCore
import NIOCore
import NIOHTTP1

/// The Canvas REST surface the mock serves, as pure functions of the request and the state.
///
/// Order of checks follows Canvas: the throttle (middleware) first, then routing (unknown API
/// paths are 404), then authentication (401), then permission (403) and lookups (404).
enum CanvasAPI {
    static let notFoundBody = #"{"errors":[{"message":"The specified resource does not exist."}]}"#
    static let unauthorizedBody = #"{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}"#
    static let wwwAuthenticate = ("WWW-Authenticate", #"Bearer realm="canvas-lms""#)

    static func respond(to request: MockRequest, state: inout CanvasState) -> PlatformOutcome {
        let credential = CanvasCredential(request)
        guard request.path.hasPrefix("/api/") else {
            return PlatformOutcome(response: .html(404, notFoundPage), credential: credential.kind)
        }
        // Throttle: one bucket per token (anonymous requests share one).
        let limit = state.world.rateLimit
        let decision = state.runtime.throttle.admit(key: credential.token.map { "token:" + $0 } ?? "anonymous", now: state.clock.now, limit: limit)
        guard decision.admitted else {
            return PlatformOutcome(response: throttled(limit: limit, retryAfter: limit.retryAfter), credential: credential.kind)
        }
        var outcome = route(request, credential: credential, state: &state)
        outcome.response.headers.append(("X-Request-Cost", CanvasThrottle.format(limit.requestCost)))
        outcome.response.headers.append(("X-Rate-Limit-Remaining", CanvasThrottle.format(decision.remaining)))
        return outcome
    }

    /// Canvas's throttled response (403 text/plain, or 429 when the world says so).
    static func throttled(limit: CanvasRateLimit, retryAfter: Int?, status: Int? = nil) -> MockResponse {
        let status = status ?? limit.status
        var headers: [(name: String, value: String)] = [("X-Rate-Limit-Remaining", "0.0")]
        if let retryAfter { headers.append(("Retry-After", String(retryAfter))) }
        let text = status == 429 ? "429 Too Many Requests (Rate Limit Exceeded)\n" : "403 Forbidden (Rate Limit Exceeded)\n"
        return .text(status, text, headers: headers)
    }

    private static func route(_ request: MockRequest, credential: CanvasCredential, state: inout CanvasState) -> PlatformOutcome {
        guard let route = CanvasRoute(method: request.method, path: request.path) else {
            return PlatformOutcome(response: .json(404, text: notFoundBody), credential: credential.kind)
        }
        // Authentication.
        guard let token = credential.token else {
            return PlatformOutcome(
                response: .json(401, text: #"{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}"#, headers: [wwwAuthenticate]),
                credential: credential.kind)
        }
        guard let (u, t) = state.runtime.index.tokens[token] else {
            return PlatformOutcome(response: .json(401, text: #"{"errors":[{"message":"Invalid access token."}]}"#, headers: [wwwAuthenticate]),
                credential: credential.kind, tokenState: "invalid")
        }
        let user = state.world.users[u]
        let tokenRecord = user.tokens[t]
        switch tokenRecord.effectiveState(at: state.clock.now) {
        case .expired:
            let expiredAt = (tokenRecord.expiresAt ?? state.clock.now).rfc3339()
            return PlatformOutcome(
                response: .json(401, text: #"{"errors":[{"message":"Expired access token.","expired_at":"\#(expiredAt)"}]}"#, headers: [wwwAuthenticate]),
                credential: credential.kind, tokenState: "expired")
        case .revoked:
            return PlatformOutcome(response: .json(401, text: #"{"errors":[{"message":"Revoked access token."}]}"#, headers: [wwwAuthenticate]),
                credential: credential.kind, tokenState: "revoked")
        case .active:
            break
        }
        let context = CanvasRequestContext(request: request, user: user, state: state)
        let response = context.handle(route, cache: &state.runtime.pageCache)
        return PlatformOutcome(response: response, credential: credential.kind, tokenState: "valid", user: String(user.id))
    }

    static let notFoundPage = """
        <!DOCTYPE html>
        <html><head><title>Page Not Found</title></head>
        <body><h1>Page Not Found</h1><p>Oops, we couldn't find that page.</p></body></html>

        """
}

/// How the request carried its token (Canvas reads `Authorization: Bearer`, else `access_token`).
struct CanvasCredential {
    var token: String?
    var kind: CredentialKind

    init(_ request: MockRequest) {
        if let header = request.headers.first(name: "authorization") {
            let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[0] == "Bearer" {
                token = String(parts[1])
                kind = .bearer
                return
            }
            if let query = request.queryValue("access_token") {
                token = query
                kind = .query
                return
            }
            token = nil
            kind = .other
            return
        }
        if let query = request.queryValue("access_token") ?? Self.formToken(request) {
            token = query
            kind = .query
        } else {
            token = nil
            kind = .none
        }
    }

    /// An `access_token` in a form-encoded body.
    static func formToken(_ request: MockRequest) -> String? {
        guard let type = request.headers.first(name: "content-type"), type.hasPrefix("application/x-www-form-urlencoded"),
            request.body != nil
        else { return nil }
        return PercentEncoding.parseQuery(request.bodyText).first { $0.name == "access_token" }?.value
    }
}

/// The routes of the Canvas surface.
enum CanvasRoute: Equatable {
    case currentUser
    case courses
    case course(Int64)
    case assignments(course: Int64)
    case assignment(course: Int64, id: Int64)
    case userAssignments(user: String, course: Int64)

    init?(method: String, path: String) {
        guard method == "GET" || method == "HEAD" else { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v1" else { return nil }
        if parts[parts.count - 1].hasSuffix(".json") { parts[parts.count - 1].removeLast(5) }
        let p = Array(parts.dropFirst(2))
        func id(_ s: String) -> Int64? { s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? Int64(s) : nil }
        switch p.count {
        case 1 where p[0] == "courses": self = .courses
        case 2 where p[0] == "users" && p[1] == "self": self = .currentUser
        case 2 where p[0] == "courses":
            guard let c = id(p[1]) else { return nil }
            self = .course(c)
        case 3 where p[0] == "courses" && p[2] == "assignments":
            guard let c = id(p[1]) else { return nil }
            self = .assignments(course: c)
        case 4 where p[0] == "courses" && p[2] == "assignments":
            guard let c = id(p[1]), let a = id(p[3]) else { return nil }
            self = .assignment(course: c, id: a)
        case 5 where p[0] == "users" && p[2] == "courses" && p[4] == "assignments":
            guard p[1] == "self" || id(p[1]) != nil, let c = id(p[3]) else { return nil }
            self = .userAssignments(user: p[1], course: c)
        default: return nil
        }
    }
}

import KitPrimitives
import MockServerCore
import NIOCore

/// The responses GitHub-style faults send in place of the API's answer. JSON ones carry the
/// rate-limit headers the caller would see (without charging the request).
enum GitHubFaultResponses {
    static func render(_ fault: ReplacementFault, to request: MockRequest, state: GitHubClassroomState) -> MockResponse {
        let limit = state.world.rateLimit
        let userID = GitHubCredential.read(request).token
            .flatMap { state.world.activeUser(for: $0, at: state.clock.now) }?.id
        let status = state.runtime.limiter.peek(user: userID, now: state.clock.now, limit: limit)
        switch fault {
        case .status(let code, let retryAfter):
            var response = GitHubClassroomAPI.error(code, message(for: code), GitHubClassroomAPI.docsRoot)
            if let retryAfter { response.headers.append(("retry-after", String(retryAfter))) }
            return GitHubClassroomAPI.decorate(response, status)
        case .throttle(let code, let retryAfter):
            let response = GitHubClassroomAPI.secondaryExceeded(
                status: code ?? limit.secondaryStatus, retryAfter: retryAfter ?? limit.secondaryRetryAfter ?? 60)
            return GitHubClassroomAPI.decorate(response, status)
        case .html(let code):
            return .html(code, unicornPage)
        case .redirect(let location, let code):
            let body: JSONValue = .object([
                ("message", .string(MockResponse.standardReason(code))), ("url", .string(location)),
                ("documentation_url", .string("https://docs.github.com/v3/#http-redirects")),
            ])
            return .json(code, ByteBuffer(bytes: body.bytes), headers: [("location", location)])
        }
    }

    /// The message GitHub's API sends with an error status.
    static func message(for status: Int) -> String {
        switch status {
        case 500, 502: "Server Error"
        case 503: "Service Unavailable"
        case 504:
            "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists."
        default: MockResponse.standardReason(status)
        }
    }

    /// GitHub's "Unicorn" page, which its edge sends when the application is unreachable.
    static let unicornPage = """
        <!DOCTYPE html>
        <html><head><meta http-equiv="Content-type" content="text/html; charset=utf-8"><title>Unicorn! &middot; GitHub</title></head>
        <body><div class="container"><p><strong>We had issues producing the response to your request.</strong></p>
        <p>Sorry about that. Please try refreshing and contact us if the problem persists.</p></div></body></html>

        """
}

import KitPrimitives
import MockServerCore
import NIOCore

/// Canvas LMS as a ``MockPlatform``: its world, its REST surface (``CanvasAPI``) and the bodies its
/// faults send (Canvas error JSON, load-balancer HTML pages, the login page, Rails redirects).
public enum CanvasPlatform: MockPlatform {
    public typealias World = CanvasWorld
    public typealias Runtime = CanvasRuntime

    public static let name = "canvas"

    /// Canvas reads `Authorization: Bearer`, else an `access_token` query or form parameter.
    public static func credential(of request: MockRequest) -> PlatformCredential {
        let credential = CanvasCredential(request)
        return PlatformCredential(token: credential.token, kind: credential.kind)
    }

    public static func respond(to request: MockRequest, state: inout MockPlatformState<CanvasPlatform>) -> PlatformOutcome {
        CanvasAPI.respond(to: request, state: &state)
    }

    public static func faultResponse(_ fault: ReplacementFault, to request: MockRequest, state: MockPlatformState<CanvasPlatform>) -> MockResponse {
        switch fault {
        case .status(let status, let retryAfter):
            return errorResponse(status, retryAfter: retryAfter, sequence: state.journal.nextSequence)
        case .throttle(let status, let retryAfter):
            let limit = state.world.rateLimit
            return CanvasAPI.throttled(limit: limit, retryAfter: retryAfter ?? limit.retryAfter, status: status)
        case .html(let status):
            return .html(status, loginPage)
        case .redirect(let location, let status):
            return .html(status, "<html><body>You are being <a href=\"\(location)\">redirected</a>.</body></html>", headers: [("Location", location)])
        }
    }

    /// A Canvas-like error response for a status fault.
    static func errorResponse(_ status: Int, retryAfter: Int?, sequence: Int) -> MockResponse {
        var response: MockResponse
        switch status {
        case 502:
            response = .html(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
        case 503:
            response = .html(503, "<!DOCTYPE html><html><head><title>Canvas is down for maintenance</title></head><body><h1>Service Unavailable</h1></body></html>\n")
        case 504:
            response = .html(504, "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n</body>\r\n</html>\r\n")
        default:
            let code = String(MockResponse.standardReason(status).lowercased().map { $0 == " " ? "_" : $0 })
            let body: JSONValue = .object([
                ("errors", .array([.object([("message", .string("An error occurred.")), ("error_code", .string(code))])])),
                ("error_report_id", .int(Int64(1000 + sequence))),
            ])
            response = .json(status, ByteBuffer(bytes: body.bytes))
        }
        if let retryAfter { response.headers.append(("Retry-After", String(retryAfter))) }
        return response
    }

    static let loginPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Log In to Canvas</title></head>
        <body><form action="/login/canvas" method="post"><input name="pseudonym_session[unique_id]"></form></body></html>

        """
}

import KitPrimitives
import MockServerCore
import NIOCore

extension MockCanvas {
    /// Handles an API request under the lock: fault selection, world effects, the Canvas answer,
    /// response alterations, and the journal entry.
    func handleAPI(_ request: MockRequest, state: inout CanvasState) -> ResponsePlan {
        let fired = state.faults.fault(for: request)
        let arrival = state.clock.now
        let credential = CanvasCredential(request)
        // Faults that change the world happen before the request is answered.
        switch fired?.fault {
        case .revokeToken?:
            if let token = credential.token, state.index.tokens[token] != nil { try? state.apply(.revokeToken(token)) }
        case .expireToken?:
            if let token = credential.token, state.index.tokens[token] != nil { try? state.apply(.expireToken(token)) }
        case .worldChange(let changes)?:
            for change in changes { try? state.apply(change) }
        default: break
        }
        var outcome: CanvasAPI.Outcome
        switch fired?.fault {
        case .status(let status, let retryAfter)?:
            outcome = .init(response: Self.errorResponse(status, retryAfter: retryAfter, sequence: state.journal.nextSequence), credential: credential.kind)
        case .throttle(let status, let retryAfter)?:
            let limit = state.world.rateLimit
            outcome = .init(response: CanvasAPI.throttled(limit: limit, retryAfter: retryAfter ?? limit.retryAfter, status: status), credential: credential.kind)
        case .html(let status)?:
            outcome = .init(response: .html(status, Self.loginPage), credential: credential.kind)
        case .redirect(let origin, let status)?:
            let location = origin.trimmingSuffix("/") + request.uri
            outcome = .init(
                response: .html(status, "<html><body>You are being <a href=\"\(location)\">redirected</a>.</body></html>", headers: [("Location", location)]),
                credential: credential.kind)
        default:
            outcome = CanvasAPI.respond(to: request, state: &state)
        }
        var plan = ResponsePlan(outcome.response)
        var status: Int? = outcome.response.status
        switch fired?.fault {
        case .malformedJSON?:
            var bytes = plan.response.body
            let keep = bytes.readSlice(length: min(bytes.readableBytes / 2, 64)) ?? ByteBuffer()
            var garbled = keep
            garbled.writeString(#",,"unterminated: ["#)
            plan.response.body = garbled
        case .truncatedBody?:
            var bytes = plan.response.body
            plan.response.body = bytes.readSlice(length: bytes.readableBytes / 2) ?? ByteBuffer()
        case .delay(let ms)?:
            plan.delay = .milliseconds(ms)
        case .transport(let transport)?:
            plan.transport = transport
            plan.closeAfter = true
            status = nil
        default: break
        }
        state.journal.record { sequence in
            JournalEntry(
                sequence: sequence, time: arrival, method: request.method, path: request.path,
                query: RequestJournal.redactQuery(request.rawQuery), host: request.authority, credential: outcome.credential,
                tokenState: outcome.tokenState, user: outcome.user, status: status, fault: fired?.fault.kind,
                faultRule: fired?.ruleID)
        }
        return plan
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
            let code = MockResponse.standardReason(status).lowercased().replacingSpaces
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

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
    var replacingSpaces: String { String(map { $0 == " " ? "_" : $0 }) }
}

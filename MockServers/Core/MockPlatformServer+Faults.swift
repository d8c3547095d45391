import KitPrimitives
import NIOCore
import NIOHTTP1

extension MockPlatformServer {
    /// Handles an API request under the lock, in the order every platform shares: fault selection,
    /// the fault's world effects, the answer (the platform's, or the fault's replacement), response
    /// alterations (malformed or truncated body, delay, transport fault), then the journal entry.
    static func handleAPI(_ request: MockRequest, state: inout MockPlatformState<Platform>) -> ResponsePlan {
        let fired = state.faults.fault(for: request)
        let arrival = state.clock.now
        let credential = Platform.credential(of: request)
        // Faults that change the world happen before the request is answered.
        switch fired?.fault {
        case .revokeToken?:
            if let token = credential.token { try? state.apply(.revokeToken(token)) }
        case .expireToken?:
            if let token = credential.token { try? state.apply(.expireToken(token)) }
        case .worldChange(let changes)?:
            for change in changes { try? state.apply(change) }
        default: break
        }
        let outcome: PlatformOutcome
        if let fired, let replacement = ReplacementFault(fired.fault, request: request) {
            outcome = PlatformOutcome(response: Platform.faultResponse(replacement, to: request, state: state), credential: credential.kind)
        } else {
            outcome = Platform.respond(to: request, state: &state)
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
        case .foreignLinks(let origin)?:
            plan.response.headers = plan.response.headers.map { header in
                header.name.lowercased() == "link" ? (header.name, Self.moving(link: header.value, from: request.origin, to: origin)) : header
            }
        case .transport(let transport)?:
            plan.transport = transport
            plan.closeAfter = true
            status = nil
        case .stallThenReset(let ms)?:
            plan.delay = .milliseconds(ms)
            plan.transport = .reset
            plan.closeAfter = true
            status = nil
        default: break
        }
        let userAgent = Platform.journalsUserAgent ? request.headers.first(name: "user-agent") : nil
        state.journal.record { sequence in
            JournalEntry(
                sequence: sequence, time: arrival, method: request.method, path: request.path,
                query: RequestJournal.redactQuery(request.rawQuery), host: request.authority, credential: outcome.credential,
                tokenState: outcome.tokenState, user: outcome.user, status: status, fault: fired?.fault.kind,
                faultRule: fired?.ruleID, userAgent: userAgent)
        }
        return plan
    }

    /// A `Link` header with every `<url>` on `from` moved to `to` (the same path and query).
    static func moving(link: String, from: String, to: String) -> String {
        let target = to.hasSuffix("/") ? String(to.dropLast()) : to
        return link.replacing("<" + from, with: "<" + target)
    }
}

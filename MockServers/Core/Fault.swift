/// One injected fault, as a named, typed mode (README, "Faults").
///
/// In scenario and fault files each fault is an object with a `kind`:
/// ```yaml
/// {kind: status, status: 503}
/// {kind: throttle, status: 429, retry_after: 3}
/// {kind: redirect, origin: "http://127.0.0.1:9", status: 302}
/// {kind: delay, milliseconds: 250}
/// {kind: reset}
/// {kind: stall_then_reset, milliseconds: 150}
/// {kind: foreign_links, origin: "http://127.0.0.1:9"}
/// ```
public enum Fault<Change: PlatformChange>: Sendable, Hashable {
    /// An error status (500, 502, 503, 504, ...) with the platform's usual body.
    case status(Int, retryAfter: Int?)
    /// The platform's throttled response (its status unless one is given), optionally with `Retry-After`.
    case throttle(status: Int?, retryAfter: Int?)
    /// An HTML page (a login or maintenance page) instead of JSON, with the given status.
    case html(status: Int)
    /// A redirect of the same path and query to another origin.
    case redirect(origin: String, status: Int)
    /// The real response with every URL of its `Link` header moved to another origin (the same
    /// path and query there): pagination that leaves the origin, which a client must not follow
    /// with the token.
    case foreignLinks(origin: String)
    /// The real response with its body replaced by invalid JSON (consistent `Content-Length`).
    case malformedJSON
    /// The real response with its JSON cut in half (consistent `Content-Length`).
    case truncatedBody
    /// The real response, after a real-time delay.
    case delay(milliseconds: Int)
    /// The token that made the request is revoked first; the request then gets the platform's answer.
    case revokeToken
    /// The token that made the request expires first; the request then gets the platform's answer.
    case expireToken
    /// The world changes first (e.g. an item shifts between pages); the request then gets the answer.
    case worldChange([Change])
    /// A transport-level fault (reset, close, stall).
    case transport(TransportFault)
    /// Nothing is sent for this much real time, then the connection is reset: a stall that ends on
    /// its own, so it costs a bounded wait whatever the client's timeout (a client with a shorter
    /// timeout sees the stall, one with a longer one sees the reset; both are a lost connection).
    case stallThenReset(milliseconds: Int)

    /// The fault's `kind` as written in files and shown in the journal.
    public var kind: String {
        switch self {
        case .status: "status"
        case .throttle: "throttle"
        case .html: "html"
        case .redirect: "redirect"
        case .foreignLinks: "foreign_links"
        case .malformedJSON: "malformed_json"
        case .truncatedBody: "truncated_body"
        case .delay: "delay"
        case .revokeToken: "revoke_token"
        case .expireToken: "expire_token"
        case .worldChange: "world_change"
        case .transport(let t): t.rawValue
        case .stallThenReset: "stall_then_reset"
        }
    }

    /// Every `kind` a fault file may name.
    public static var kinds: [String] {
        ["status", "throttle", "html", "redirect", "foreign_links", "malformed_json", "truncated_body", "delay", "revoke_token",
         "expire_token", "world_change"] + TransportFault.allCases.map(\.rawValue) + ["stall_then_reset"]
    }
}

extension Fault: Codable {
    enum Keys: String, CodingKey {
        case kind, status, retryAfter = "retry_after", origin, milliseconds, changes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "status":
            let status = try c.decode(Int.self, forKey: .status)
            guard (400...599).contains(status) else {
                throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "status must be 400...599, got \(status)")
            }
            self = .status(status, retryAfter: try c.decodeIfPresent(Int.self, forKey: .retryAfter))
        case "throttle":
            let status = try c.decodeIfPresent(Int.self, forKey: .status)
            if let status, status != 403, status != 429 {
                throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "throttle status must be 403 or 429, got \(status)")
            }
            self = .throttle(status: status, retryAfter: try c.decodeIfPresent(Int.self, forKey: .retryAfter))
        case "html": self = .html(status: try c.decodeIfPresent(Int.self, forKey: .status) ?? 200)
        case "redirect":
            let origin = try c.decode(String.self, forKey: .origin)
            guard origin.hasPrefix("http://") || origin.hasPrefix("https://") else {
                throw DecodingError.dataCorruptedError(forKey: .origin, in: c, debugDescription: "origin must start with http:// or https://")
            }
            let status = try c.decodeIfPresent(Int.self, forKey: .status) ?? 302
            guard [301, 302, 303, 307, 308].contains(status) else {
                throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "redirect status must be 301, 302, 303, 307 or 308")
            }
            self = .redirect(origin: origin, status: status)
        case "foreign_links":
            let origin = try c.decode(String.self, forKey: .origin)
            guard origin.hasPrefix("http://") || origin.hasPrefix("https://") else {
                throw DecodingError.dataCorruptedError(forKey: .origin, in: c, debugDescription: "origin must start with http:// or https://")
            }
            self = .foreignLinks(origin: origin)
        case "malformed_json": self = .malformedJSON
        case "truncated_body": self = .truncatedBody
        case "delay":
            let ms = try c.decode(Int.self, forKey: .milliseconds)
            guard ms >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .milliseconds, in: c, debugDescription: "milliseconds must be >= 0")
            }
            self = .delay(milliseconds: ms)
        case "revoke_token": self = .revokeToken
        case "expire_token": self = .expireToken
        case "world_change": self = .worldChange(try c.decode([Change].self, forKey: .changes))
        case "stall_then_reset":
            let ms = try c.decode(Int.self, forKey: .milliseconds)
            guard ms >= 0 else {
                throw DecodingError.dataCorruptedError(forKey: .milliseconds, in: c, debugDescription: "milliseconds must be >= 0")
            }
            self = .stallThenReset(milliseconds: ms)
        default:
            if let transport = TransportFault(rawValue: kind) {
                self = .transport(transport)
            } else {
                throw DecodingError.dataCorruptedError(
                    forKey: .kind, in: c,
                    debugDescription: "unknown fault kind '\(kind)'; known kinds: \(Self.kinds.joined(separator: ", "))")
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .status(let status, let retryAfter):
            try c.encode(status, forKey: .status)
            try c.encodeIfPresent(retryAfter, forKey: .retryAfter)
        case .throttle(let status, let retryAfter):
            try c.encodeIfPresent(status, forKey: .status)
            try c.encodeIfPresent(retryAfter, forKey: .retryAfter)
        case .html(let status): try c.encode(status, forKey: .status)
        case .redirect(let origin, let status):
            try c.encode(origin, forKey: .origin)
            try c.encode(status, forKey: .status)
        case .delay(let ms), .stallThenReset(let ms): try c.encode(ms, forKey: .milliseconds)
        case .worldChange(let changes): try c.encode(changes, forKey: .changes)
        case .foreignLinks(let origin): try c.encode(origin, forKey: .origin)
        case .malformedJSON, .truncatedBody, .revokeToken, .expireToken, .transport: break
        }
    }
}

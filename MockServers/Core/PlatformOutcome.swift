/// How a request carried its token, as a platform reads it.
public struct PlatformCredential: Sendable, Hashable {
    /// The token, when one was sent in a form the platform reads.
    public var token: String?
    /// How it was sent (the journal records this, never the token).
    public var kind: CredentialKind

    /// Creates a credential.
    public init(token: String?, kind: CredentialKind) {
        self.token = token
        self.kind = kind
    }
}

/// A platform's answer to one request, with what the journal needs to know about it.
public struct PlatformOutcome: Sendable {
    /// The response.
    public var response: MockResponse
    /// How the request carried its credential.
    public var credential: CredentialKind
    /// What the platform made of the credential (`valid`, `invalid`, `expired`, `revoked`; nil: none sent).
    public var tokenState: String?
    /// The platform user the credential belongs to, when valid.
    public var user: String?

    /// Creates an outcome.
    public init(response: MockResponse, credential: CredentialKind, tokenState: String? = nil, user: String? = nil) {
        self.response = response
        self.credential = credential
        self.tokenState = tokenState
        self.user = user
    }
}

/// A fault that replaces the platform's answer with one of the platform's own responses; the
/// platform renders it (``MockPlatform/faultResponse(_:to:state:)``).
public enum ReplacementFault: Sendable, Hashable {
    /// An error status (500, 502, 503, 504, ...), optionally with `Retry-After`.
    case status(Int, retryAfter: Int?)
    /// The platform's throttled response (its usual status unless one is given).
    case throttle(status: Int?, retryAfter: Int?)
    /// An HTML page instead of JSON.
    case html(status: Int)
    /// A redirect to `location` (the same path and query on another origin).
    case redirect(location: String, status: Int)

    /// The replacement `fault` asks for, or nil when the fault lets the platform answer.
    public init?<Change>(_ fault: Fault<Change>, request: MockRequest) {
        switch fault {
        case .status(let status, let retryAfter): self = .status(status, retryAfter: retryAfter)
        case .throttle(let status, let retryAfter): self = .throttle(status: status, retryAfter: retryAfter)
        case .html(let status): self = .html(status: status)
        case .redirect(let origin, let status):
            let base = origin.hasSuffix("/") ? String(origin.dropLast()) : origin
            self = .redirect(location: base + request.uri, status: status)
        case .malformedJSON, .truncatedBody, .delay, .revokeToken, .expireToken, .worldChange, .transport, .stallThenReset, .foreignLinks:
            return nil
        }
    }
}

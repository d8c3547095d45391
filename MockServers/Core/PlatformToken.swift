import KitPrimitives

/// An access token: a bare string in world files, or an object with a state.
///
/// ```yaml
/// tokens: [tok-alice, {token: tok-old, state: expired}, {token: tok-gone, state: revoked}]
/// ```
public struct PlatformToken: Sendable, Hashable, Codable {
    /// Whether the platform accepts the token.
    public enum State: String, Sendable, Hashable, Codable {
        case active, expired, revoked
    }

    /// The secret itself.
    public var token: String
    /// Its state.
    public var state: State
    /// When it expires (or expired); an active token past this instant is expired.
    public var expiresAt: Timestamp?

    public init(token: String, state: State = .active, expiresAt: Timestamp? = nil) {
        self.token = token
        self.state = state
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey { case token, state, expiresAt = "expires_at" }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(token: text)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            token: try c.decode(String.self, forKey: .token),
            state: try c.decodeIfPresent(State.self, forKey: .state) ?? .active,
            expiresAt: try c.decodeIfPresent(Timestamp.self, forKey: .expiresAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(token, forKey: .token)
        try c.encode(state, forKey: .state)
        try c.encodeIfPresent(expiresAt, forKey: .expiresAt)
    }

    /// The state at virtual time `now` (an active token past `expiresAt` is expired).
    public func effectiveState(at now: Timestamp) -> State {
        if state == .active, let expiresAt, now >= expiresAt { return .expired }
        return state
    }

    /// Marks the token expired at `now` (or at its earlier expiry).
    public mutating func expire(at now: Timestamp) {
        state = .expired
        expiresAt = expiresAt.map { min($0, now) } ?? now
    }
}

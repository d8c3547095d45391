import KitPrimitives

/// A Canvas user and the access tokens issued to them.
public struct CanvasUser: Sendable, Hashable, Codable {
    /// The user's Canvas id.
    public var id: Int64
    /// The display name.
    public var name: String
    /// An email address, when the world gives one.
    public var email: String?
    /// Access tokens issued to the user.
    public var tokens: [CanvasToken]

    public init(id: Int64, name: String, email: String? = nil, tokens: [CanvasToken] = []) {
        self.id = id
        self.name = name
        self.email = email
        self.tokens = tokens
    }

    enum CodingKeys: String, CodingKey { case id, name, email, tokens }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        tokens = try c.decodeIfPresent([CanvasToken].self, forKey: .tokens) ?? []
    }

    /// `Last, First` from the display name.
    var sortableName: String {
        let parts = name.split(separator: " ")
        guard parts.count > 1, let last = parts.last else { return name }
        return "\(last), \(parts.dropLast().joined(separator: " "))"
    }
}

/// An access token: a bare string in world files, or an object with a state.
///
/// ```yaml
/// tokens: [tok-alice, {token: tok-old, state: expired}, {token: tok-gone, state: revoked}]
/// ```
public struct CanvasToken: Sendable, Hashable, Codable {
    /// Whether Canvas accepts the token.
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
    func effectiveState(at now: Timestamp) -> State {
        if state == .active, let expiresAt, now >= expiresAt { return .expired }
        return state
    }
}

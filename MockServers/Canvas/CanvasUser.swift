import KitPrimitives
import MockServerCore

/// A Canvas user and the access tokens issued to them.
public struct CanvasUser: Sendable, Hashable, Codable, TokenHolder {
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

/// An access token: a bare string in world files, or an object with a state (the core's ``PlatformToken``).
///
/// ```yaml
/// tokens: [tok-alice, {token: tok-old, state: expired}, {token: tok-gone, state: revoked}]
/// ```
public typealias CanvasToken = PlatformToken

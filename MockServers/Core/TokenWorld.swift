import KitPrimitives

/// A platform user who holds access tokens (a Canvas user, a GitHub user).
public protocol TokenHolder: Sendable, Hashable, Codable {
    /// The user's numeric id, unique in the world.
    var id: Int64 { get }
    /// The tokens issued to the user, unique across the world.
    var tokens: [PlatformToken] { get set }
}

/// A world whose users hold tokens: the token changes every platform has (`issue_token`,
/// `revoke_token`, `expire_token`), written once for Canvas and GitHub Classroom alike.
public protocol TokenWorld {
    associatedtype User: TokenHolder
    var users: [User] { get set }
}

extension TokenWorld {
    /// The index of the user with `id`.
    public func userIndex(_ id: Int64) throws(MockError) -> Int {
        guard let index = users.firstIndex(where: { $0.id == id }) else { throw MockError(.notFound, "no user \(id)") }
        return index
    }

    /// The user and token indices of `token`.
    public func tokenIndex(_ token: String) throws(MockError) -> (Int, Int) {
        for u in users.indices {
            if let t = users[u].tokens.firstIndex(where: { $0.token == token }) { return (u, t) }
        }
        // The token itself is a secret: never echo it.
        throw MockError(.notFound, "no such token")
    }

    /// Gives the user with `id` another token.
    public mutating func issue(_ token: PlatformToken, to id: Int64) throws(MockError) {
        users[try userIndex(id)].tokens.append(token)
    }

    /// Revokes `token`: the platform refuses it from now on.
    public mutating func revoke(_ token: String) throws(MockError) {
        let (u, t) = try tokenIndex(token)
        users[u].tokens[t].state = .revoked
    }

    /// Expires `token` at `now` (or at its earlier expiry).
    public mutating func expire(_ token: String, now: Timestamp) throws(MockError) {
        let (u, t) = try tokenIndex(token)
        users[u].tokens[t].expire(at: now)
    }
}

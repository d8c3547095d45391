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

extension TokenWorld {
    /// Checks the users every platform has: user ids unique, tokens not empty and unique across
    /// users. `checkUser` adds the platform's own checks of each user (with its index), after its id
    /// and before its tokens. A failure's location names the field (`users[1].tokens[0]`).
    ///
    /// - Returns: The user ids, for checking references to users.
    @discardableResult
    public func validateUsers(
        _ checkUser: (_ index: Int, _ user: User) throws(MockError) -> Void = { _, _ in }
    ) throws(MockError) -> Set<Int64> {
        var userIDs = Set<Int64>()
        var tokens = Set<String>()
        for (u, user) in users.enumerated() {
            guard userIDs.insert(user.id).inserted else { throw .invalidWorld(at: "users[\(u)].id", "duplicate user id \(user.id)") }
            try checkUser(u, user)
            for (t, token) in user.tokens.enumerated() {
                guard !token.token.isEmpty else { throw .invalidWorld(at: "users[\(u)].tokens[\(t)]", "a token must not be empty") }
                guard tokens.insert(token.token).inserted else {
                    throw .invalidWorld(at: "users[\(u)].tokens[\(t)]", "a token is issued twice (tokens are unique across users)")
                }
            }
        }
        return userIDs
    }

    /// A copy with every token replaced by `[REDACTED]` (what `GET /__mock/world` shows).
    public func redactingTokens() -> Self {
        var dump = self
        for u in dump.users.indices {
            for t in dump.users[u].tokens.indices { dump.users[u].tokens[t].token = "[REDACTED]" }
        }
        return dump
    }
}

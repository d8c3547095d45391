import KitPrimitives

/// The changes to users and their tokens that every platform has, written once for Canvas and
/// GitHub Classroom alike; a platform's change type carries them as ``PlatformChange/account(_:)``.
///
/// ```yaml
/// {change: add_user, user: {id: 104, name: Dana Student}}
/// {change: issue_token, user: 101, token: tok-new}
/// {change: revoke_token, token: tok-alice}
/// {change: expire_token, token: tok-alice}
/// ```
public enum AccountChange<User: TokenHolder>: Sendable, Hashable {
    /// Adds a user (with the tokens it holds).
    case addUser(User)
    /// Gives the user with id `user` another token.
    case issueToken(user: Int64, token: PlatformToken)
    /// Revokes a token: the platform refuses it from now on.
    case revokeToken(String)
    /// Expires a token at the change's virtual time.
    case expireToken(String)

    /// Every account change name, in the order platforms list them.
    public static var names: [String] { ["add_user", "issue_token", "revoke_token", "expire_token"] }

    /// The name written in files (`change: revoke_token`).
    public var name: String {
        switch self {
        case .addUser: "add_user"
        case .issueToken: "issue_token"
        case .revokeToken: "revoke_token"
        case .expireToken: "expire_token"
        }
    }

    enum Keys: String, CodingKey { case user, token }

    /// Decodes the account change `name` from the fields of `decoder`; nil when `name` names no
    /// account change.
    public init?(name: String, from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch name {
        case "add_user": self = .addUser(try c.decode(User.self, forKey: .user))
        case "issue_token":
            self = .issueToken(user: try c.decode(Int64.self, forKey: .user), token: try c.decode(PlatformToken.self, forKey: .token))
        case "revoke_token": self = .revokeToken(try c.decode(String.self, forKey: .token))
        case "expire_token": self = .expireToken(try c.decode(String.self, forKey: .token))
        default: return nil
        }
    }

    /// Writes the change's fields (its name is the platform change's to write).
    public func encodeFields(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .addUser(let user): try c.encode(user, forKey: .user)
        case .issueToken(let user, let token):
            try c.encode(user, forKey: .user)
            try c.encode(token, forKey: .token)
        case .revokeToken(let token), .expireToken(let token): try c.encode(token, forKey: .token)
        }
    }
}

extension TokenWorld {
    /// Applies an account change at virtual time `now`, in place (``PlatformWorld/apply(_:now:)``
    /// works on a copy and validates it).
    public mutating func applyInPlace(_ change: AccountChange<User>, now: Timestamp) throws(MockError) {
        switch change {
        case .addUser(let user): users.append(user)
        case .issueToken(let id, let token): try issue(token, to: id)
        case .revokeToken(let token): try revoke(token)
        case .expireToken(let token): try expire(token, now: now)
        }
    }
}

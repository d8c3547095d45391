import Foundation

/// A change a fault or the controller may make to a mock platform's world (adding an assignment
/// between two page fetches, say). Each platform defines its own, with a `change:` discriminator;
/// the changes to users and tokens every platform has are one ``AccountChange``.
public protocol PlatformChange: Codable, Sendable, Hashable {
    /// The platform's user, whom `add_user` adds.
    associatedtype User: TokenHolder

    /// Every change name (`add_assignment`, ...): each is also `POST /__mock/<name>`.
    static var names: [String] { get }
    /// A `userInfo` key naming the change when the payload itself does not (over `/__mock/<name>`).
    static var nameFromContext: CodingUserInfoKey { get }
    /// The name written in files (`change: add_assignment`).
    var name: String { get }
    /// A change to users and their tokens.
    static func account(_ change: AccountChange<User>) -> Self
}

extension PlatformChange {
    /// Adds a user.
    public static func addUser(_ user: User) -> Self { .account(.addUser(user)) }
    /// Gives the user with id `user` another token.
    public static func issueToken(user: Int64, token: PlatformToken) -> Self { .account(.issueToken(user: user, token: token)) }
    /// Revokes a token (what a `revoke_token` fault does to the caller's token).
    public static func revokeToken(_ token: String) -> Self { .account(.revokeToken(token)) }
    /// Expires a token now (what an `expire_token` fault does to the caller's token).
    public static func expireToken(_ token: String) -> Self { .account(.expireToken(token)) }
}

/// The discriminator of a change's payload (`change: add_assignment`).
private enum ChangeNameKey: String, CodingKey { case change }

extension PlatformChange {
    /// The name of the change `decoder` holds: its `change` field, else the name ``nameFromContext``
    /// gives (over `/__mock/<name>` the path names the change, not the body).
    public static func decodeName(from decoder: any Decoder) throws -> String {
        let c = try decoder.container(keyedBy: ChangeNameKey.self)
        return try c.decodeIfPresent(String.self, forKey: .change)
            ?? (decoder.userInfo[nameFromContext] as? String)
            ?? c.decode(String.self, forKey: .change)
    }

    /// The error for a change `name` that is none of ``names``, at the `change` field of `decoder`.
    public static func unknownChange(_ name: String, in decoder: any Decoder) throws -> DecodingError {
        .dataCorruptedError(
            forKey: .change, in: try decoder.container(keyedBy: ChangeNameKey.self),
            debugDescription: "unknown change '\(name)'; known changes: \(names.joined(separator: ", "))")
    }

    /// Writes the change's ``name`` as its `change` field.
    public func encodeName(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: ChangeNameKey.self)
        try c.encode(name, forKey: .change)
    }
}

import KitPrimitives
import MockServerCore

/// A GitHub user (a Classroom teacher or TA) and the access tokens issued to them.
///
/// ```yaml
/// users:
///   - {id: 1001, login: alice, name: Alice Teacher, tokens: [tok-alice, {token: tok-old, state: expired}]}
/// ```
public struct GitHubUser: Sendable, Hashable, Codable, TokenHolder {
    /// The user's numeric GitHub id (it appears in the primary rate-limit message).
    public var id: Int64
    /// The login (`octocat`); classrooms name their admins by login.
    public var login: String
    /// The display name (`GET /user` writes `null` when absent).
    public var name: String?
    /// Access tokens issued to the user (personal access tokens or OAuth tokens alike).
    public var tokens: [PlatformToken]

    /// Creates a user.
    ///
    /// - Parameters:
    ///   - id: The numeric id (unique in the world).
    ///   - login: The login (unique in the world).
    ///   - name: The display name, if any.
    ///   - tokens: The tokens issued to the user (unique across the world).
    public init(id: Int64, login: String, name: String? = nil, tokens: [PlatformToken] = []) {
        self.id = id
        self.login = login
        self.name = name
        self.tokens = tokens
    }

    enum CodingKeys: String, CodingKey { case id, login, name, tokens }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        login = try c.decode(String.self, forKey: .login)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        tokens = try c.decodeIfPresent([PlatformToken].self, forKey: .tokens) ?? []
    }
}

/// The organization a classroom belongs to (`classroom.organization` in GitHub's JSON).
public struct GitHubOrganization: Sendable, Hashable, Codable {
    /// The organization's numeric id.
    public var id: Int64
    /// The organization's login (`octo-org`); `html_url` and `avatar_url` derive from it.
    public var login: String
    /// The organization's display name (`null` when absent, as GitHub writes it).
    public var name: String?

    /// Creates an organization.
    public init(id: Int64, login: String, name: String? = nil) {
        self.id = id
        self.login = login
        self.name = name
    }

    /// The organization a world file gets when it names none: id `1_000_000 + classroom`, login `org-<classroom>`.
    public static func derived(forClassroom classroomID: Int64) -> GitHubOrganization {
        GitHubOrganization(id: 1_000_000 + classroomID, login: "org-\(classroomID)")
    }
}

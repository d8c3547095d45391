import KitPrimitives

/// A GitHub Classroom: its organization and the logins of its admins (teachers and TAs).
///
/// Only admins see a classroom and its assignments; anyone else gets `404 Not Found`, as GitHub
/// hides resources a caller may not read.
///
/// ```yaml
/// classrooms:
///   - {id: 7001, name: 6.104 Fall 2025, organization: {id: 9001, login: mit-6104}, admins: [alice]}
/// ```
public struct GitHubClassroom: Sendable, Hashable, Codable {
    /// The classroom's numeric id.
    public var id: Int64
    /// Its name.
    public var name: String
    /// Whether it is archived (archived classrooms are still listed and readable).
    public var archived: Bool
    /// The organization it belongs to (default: ``GitHubOrganization/derived(forClassroom:)``).
    public var organization: GitHubOrganization
    /// Logins of the users who administer it.
    public var admins: [String]

    /// Creates a classroom.
    ///
    /// - Parameters:
    ///   - id: The numeric id (unique in the world).
    ///   - name: The name.
    ///   - archived: Whether it is archived.
    ///   - organization: Its organization; nil derives one from `id`.
    ///   - admins: Logins of its admins (each a user of the world).
    public init(id: Int64, name: String, archived: Bool = false, organization: GitHubOrganization? = nil, admins: [String] = []) {
        self.id = id
        self.name = name
        self.archived = archived
        self.organization = organization ?? .derived(forClassroom: id)
        self.admins = admins
    }

    enum CodingKeys: String, CodingKey { case id, name, archived, organization, admins }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let id = try c.decode(Int64.self, forKey: .id)
        self.init(
            id: id,
            name: try c.decode(String.self, forKey: .name),
            archived: try c.decodeIfPresent(Bool.self, forKey: .archived) ?? false,
            organization: try c.decodeIfPresent(GitHubOrganization.self, forKey: .organization),
            admins: try c.decodeIfPresent([String].self, forKey: .admins) ?? [])
    }

    /// Whether the user with `login` administers the classroom.
    public func isAdministered(by login: String) -> Bool { admins.contains(login) }
}

import KitPrimitives
import MockServerCore

/// Renders world objects as GitHub sends them: field names and order from GitHub's REST schema
/// (`simple-classroom`, `classroom`, `simple-classroom-assignment`, `classroom-assignment`,
/// `private-user`), integer ids, explicit `null`s and RFC 3339 `Z` timestamps.
struct GitHubClassroomRenderer {
    /// `http://host:port` as the client addressed the mock (API URLs point back at it).
    var origin: String

    static func time(_ t: Timestamp?) -> JSONValue { t.map { .string($0.rfc3339()) } ?? .null }

    static func nodeID(_ prefix: String, _ id: Int64) -> String {
        prefix + String(StableHash.hex(StableHash.fnv1a64("\(prefix)\(id)")).prefix(12))
    }

    /// `simple-classroom`: `{id, name, archived, url}`.
    func simpleClassroom(_ c: GitHubClassroom) -> JSONValue {
        .object([("id", .int(c.id)), ("name", .string(c.name)), ("archived", .bool(c.archived)), ("url", .string(Self.url(c)))])
    }

    /// `classroom`: the simple form plus `organization` (before `url`, as GitHub orders it).
    func classroom(_ c: GitHubClassroom) -> JSONValue {
        let org = c.organization
        return .object([
            ("id", .int(c.id)),
            ("name", .string(c.name)),
            ("archived", .bool(c.archived)),
            ("organization", .object([
                ("id", .int(org.id)),
                ("login", .string(org.login)),
                ("node_id", .string(Self.nodeID("O_kgDO", org.id))),
                ("html_url", .string("https://github.com/\(org.login)")),
                ("name", .string(org.name)),
                ("avatar_url", .string("https://avatars.githubusercontent.com/u/\(org.id)?v=4")),
            ])),
            ("url", .string(Self.url(c))),
        ])
    }

    static func url(_ c: GitHubClassroom) -> String {
        "https://classroom.github.com/classrooms/\(c.id)-\(GitHubClassroomAssignment.slug(for: c.name))"
    }

    /// `simple-classroom-assignment` (nested `simple-classroom`), or with `full`, `classroom-assignment`
    /// (adds `starter_code_repository`, nests the full `classroom`).
    func assignment(_ a: GitHubClassroomAssignment, in c: GitHubClassroom, full: Bool) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .int(a.id)),
            ("public_repo", .bool(a.publicRepo)),
            ("title", .string(a.title)),
            ("type", .string(a.type.rawValue)),
            ("invite_link", .string(a.inviteLink)),
            ("invitations_enabled", .bool(a.invitationsEnabled)),
            ("slug", .string(a.slug)),
            ("students_are_repo_admins", .bool(a.studentsAreRepoAdmins)),
            ("feedback_pull_requests_enabled", .bool(a.feedbackPullRequestsEnabled)),
            ("max_teams", a.maxTeams.map { .int(Int64($0)) } ?? .null),
            ("max_members", a.maxMembers.map { .int(Int64($0)) } ?? .null),
            ("editor", .string(a.editor)),
            ("accepted", .int(Int64(a.accepted))),
            ("submitted", .int(Int64(a.submitted))),
            ("passing", .int(Int64(a.passing))),
            ("language", .string(a.language)),
            ("deadline", Self.time(a.deadline)),
        ]
        if full { fields.append(("starter_code_repository", starterRepository(a.starterCodeRepository))) }
        fields.append(("classroom", full ? classroom(c) : simpleClassroom(c)))
        return .object(fields)
    }

    /// `simple-classroom-repository`, derived from `owner/name`.
    func starterRepository(_ fullName: String?) -> JSONValue {
        guard let fullName else { return .null }
        let id = Int64(bitPattern: StableHash.fnv1a64("repo:\(fullName)") % 1_000_000_000)
        return .object([
            ("id", .int(id)),
            ("full_name", .string(fullName)),
            ("html_url", .string("https://github.com/\(fullName)")),
            ("node_id", .string(Self.nodeID("R_kgDO", id))),
            ("private", .bool(false)),
            ("default_branch", .string("main")),
        ])
    }

    /// `GET /user`: the authenticated user's public fields (API URLs on the mock's origin).
    func user(_ u: GitHubUser, createdAt: Timestamp) -> JSONValue {
        let api = "\(origin)/users/\(u.login)"
        return .object([
            ("login", .string(u.login)),
            ("id", .int(u.id)),
            ("node_id", .string(Self.nodeID("U_kgDO", u.id))),
            ("avatar_url", .string("https://avatars.githubusercontent.com/u/\(u.id)?v=4")),
            ("gravatar_id", .string("")),
            ("url", .string(api)),
            ("html_url", .string("https://github.com/\(u.login)")),
            ("repos_url", .string(api + "/repos")),
            ("organizations_url", .string(api + "/orgs")),
            ("type", .string("User")),
            ("user_view_type", .string("private")),
            ("site_admin", .bool(false)),
            ("name", .string(u.name)),
            ("company", .null),
            ("blog", .string("")),
            ("location", .null),
            ("email", .null),
            ("hireable", .null),
            ("bio", .null),
            ("twitter_username", .null),
            ("public_repos", .int(0)),
            ("public_gists", .int(0)),
            ("followers", .int(0)),
            ("following", .int(0)),
            ("created_at", Self.time(createdAt)),
            ("updated_at", Self.time(createdAt)),
        ])
    }
}

import KitPrimitives

/// A GitHub Classroom assignment (`classroom-assignment` in GitHub's REST schema).
///
/// GitHub keeps no `created_at` or `updated_at` on assignments: clients detect new assignments by
/// id and changes by comparing fields (`title`, `deadline`, `invitations_enabled`, ...).
///
/// ```yaml
/// assignments:
///   - {id: 80001, classroom: 7001, title: Problem Set 1, deadline: "2025-09-10T03:59:59Z", accepted: 12}
///   - {id: 80002, classroom: 7001, title: Team Project, type: group, max_teams: 10, max_members: 4, deadline: null}
/// ```
public struct GitHubClassroomAssignment: Sendable, Hashable, Codable {
    /// Individual or group assignments.
    public enum Kind: String, Sendable, Hashable, Codable {
        case individual, group
    }

    public var id: Int64
    /// The id of the classroom it belongs to.
    public var classroom: Int64
    public var title: String
    public var type: Kind
    /// The URL-safe name (default: derived from the title, `problem-set-1`).
    public var slug: String
    /// The invitation URL (default: `https://classroom.github.com/a/<stable hash of the id>`).
    public var inviteLink: String
    public var invitationsEnabled: Bool
    /// The deadline, or nil (GitHub writes `null`).
    public var deadline: Timestamp?
    /// How many students accepted the assignment.
    public var accepted: Int
    /// How many submitted it.
    public var submitted: Int
    /// How many pass its autograding tests.
    public var passing: Int
    /// The programming language (nil is written `null`).
    public var language: String?
    public var publicRepo: Bool
    public var studentsAreRepoAdmins: Bool
    public var feedbackPullRequestsEnabled: Bool
    /// Group assignments: the most teams (nil: no limit, written `null`).
    public var maxTeams: Int?
    /// Group assignments: the most members per team (nil: no limit).
    public var maxMembers: Int?
    /// The online editor (`codespaces`), or nil.
    public var editor: String?
    /// The starter repository's `owner/name`, or nil (`GET /assignments/{id}` renders it as an object).
    public var starterCodeRepository: String?

    /// Creates an assignment; nil `slug` and `inviteLink` are derived from the title and id.
    public init(
        id: Int64, classroom: Int64, title: String, type: Kind = .individual, slug: String? = nil,
        inviteLink: String? = nil, invitationsEnabled: Bool = true, deadline: Timestamp? = nil, accepted: Int = 0,
        submitted: Int = 0, passing: Int = 0, language: String? = nil, publicRepo: Bool = false,
        studentsAreRepoAdmins: Bool = false, feedbackPullRequestsEnabled: Bool = false, maxTeams: Int? = nil,
        maxMembers: Int? = nil, editor: String? = nil, starterCodeRepository: String? = nil
    ) {
        self.id = id
        self.classroom = classroom
        self.title = title
        self.type = type
        self.slug = slug ?? Self.slug(for: title)
        self.inviteLink = inviteLink ?? Self.inviteLink(for: id)
        self.invitationsEnabled = invitationsEnabled
        self.deadline = deadline
        self.accepted = accepted
        self.submitted = submitted
        self.passing = passing
        self.language = language
        self.publicRepo = publicRepo
        self.studentsAreRepoAdmins = studentsAreRepoAdmins
        self.feedbackPullRequestsEnabled = feedbackPullRequestsEnabled
        self.maxTeams = maxTeams
        self.maxMembers = maxMembers
        self.editor = editor
        self.starterCodeRepository = starterCodeRepository
    }

    /// The slug GitHub Classroom derives from a title: lowercase ASCII letters and digits, runs of
    /// anything else collapsed to one `-`, no leading or trailing `-`.
    public static func slug(for title: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in title.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "assignment" : out
    }

    /// A stable invitation link for assignment `id`.
    public static func inviteLink(for id: Int64) -> String {
        "https://classroom.github.com/a/" + String(StableHash.hex(StableHash.fnv1a64("invite:\(id)")).prefix(8))
    }
}

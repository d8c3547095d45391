import KitPrimitives

extension GitHubClassroomWorldChange {
    /// Fields of an assignment to change (any subset); for nullable fields (`deadline`, `language`,
    /// `max_teams`, `max_members`, `editor`, `starter_code_repository`) an explicit `null` clears the value.
    /// (The synthesized encoding writes what decoding reads: a nil field is left out, `.some(nil)`
    /// is written `null`.)
    public struct AssignmentPatch: Sendable, Hashable, Codable {
        public var title: String?
        public var type: GitHubClassroomAssignment.Kind?
        public var slug: String?
        public var inviteLink: String?
        public var invitationsEnabled: Bool?
        public var deadline: Timestamp??
        public var accepted: Int?
        public var submitted: Int?
        public var passing: Int?
        public var language: String??
        public var publicRepo: Bool?
        public var studentsAreRepoAdmins: Bool?
        public var feedbackPullRequestsEnabled: Bool?
        public var maxTeams: Int??
        public var maxMembers: Int??
        public var editor: String??
        public var starterCodeRepository: String??

        /// Creates a patch; nil fields stay as they are, `.some(nil)` clears a nullable field.
        public init(
            title: String? = nil, type: GitHubClassroomAssignment.Kind? = nil, slug: String? = nil,
            inviteLink: String? = nil, invitationsEnabled: Bool? = nil, deadline: Timestamp?? = nil,
            accepted: Int? = nil, submitted: Int? = nil, passing: Int? = nil, language: String?? = nil,
            publicRepo: Bool? = nil, studentsAreRepoAdmins: Bool? = nil, feedbackPullRequestsEnabled: Bool? = nil,
            maxTeams: Int?? = nil, maxMembers: Int?? = nil, editor: String?? = nil, starterCodeRepository: String?? = nil
        ) {
            self.title = title
            self.type = type
            self.slug = slug
            self.inviteLink = inviteLink
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

        typealias CodingKeys = GitHubClassroomAssignment.FieldKeys

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            title = try c.decodeIfPresent(String.self, forKey: .title)
            type = try c.decodeIfPresent(GitHubClassroomAssignment.Kind.self, forKey: .type)
            slug = try c.decodeIfPresent(String.self, forKey: .slug)
            inviteLink = try c.decodeIfPresent(String.self, forKey: .inviteLink)
            invitationsEnabled = try c.decodeIfPresent(Bool.self, forKey: .invitationsEnabled)
            deadline = try c.decodeNullable(Timestamp.self, forKey: .deadline)
            accepted = try c.decodeIfPresent(Int.self, forKey: .accepted)
            submitted = try c.decodeIfPresent(Int.self, forKey: .submitted)
            passing = try c.decodeIfPresent(Int.self, forKey: .passing)
            language = try c.decodeNullable(String.self, forKey: .language)
            publicRepo = try c.decodeIfPresent(Bool.self, forKey: .publicRepo)
            studentsAreRepoAdmins = try c.decodeIfPresent(Bool.self, forKey: .studentsAreRepoAdmins)
            feedbackPullRequestsEnabled = try c.decodeIfPresent(Bool.self, forKey: .feedbackPullRequestsEnabled)
            maxTeams = try c.decodeNullable(Int.self, forKey: .maxTeams)
            maxMembers = try c.decodeNullable(Int.self, forKey: .maxMembers)
            editor = try c.decodeNullable(String.self, forKey: .editor)
            starterCodeRepository = try c.decodeNullable(String.self, forKey: .starterCodeRepository)
        }

        /// Applies the patch to `assignment`.
        func apply(to a: inout GitHubClassroomAssignment) {
            if let title { a.title = title }
            if let type { a.type = type }
            if let slug { a.slug = slug }
            if let inviteLink { a.inviteLink = inviteLink }
            if let invitationsEnabled { a.invitationsEnabled = invitationsEnabled }
            if let deadline { a.deadline = deadline }
            if let accepted { a.accepted = accepted }
            if let submitted { a.submitted = submitted }
            if let passing { a.passing = passing }
            if let language { a.language = language }
            if let publicRepo { a.publicRepo = publicRepo }
            if let studentsAreRepoAdmins { a.studentsAreRepoAdmins = studentsAreRepoAdmins }
            if let feedbackPullRequestsEnabled { a.feedbackPullRequestsEnabled = feedbackPullRequestsEnabled }
            if let maxTeams { a.maxTeams = maxTeams }
            if let maxMembers { a.maxMembers = maxMembers }
            if let editor { a.editor = editor }
            if let starterCodeRepository { a.starterCodeRepository = starterCodeRepository }
        }
    }
}

import KitPrimitives

extension GitHubClassroomAssignment {
    /// The keys of the fields that identify an assignment, which no patch changes.
    enum CodingKeys: String, CodingKey { case id, classroom }

    /// The keys of every other field: those an ``GitHubClassroomWorldChange/AssignmentPatch`` may change.
    enum FieldKeys: String, CodingKey {
        case title, type, slug, inviteLink = "invite_link", invitationsEnabled = "invitations_enabled"
        case deadline, accepted, submitted, passing, language, publicRepo = "public_repo"
        case studentsAreRepoAdmins = "students_are_repo_admins"
        case feedbackPullRequestsEnabled = "feedback_pull_requests_enabled"
        case maxTeams = "max_teams", maxMembers = "max_members", editor
        case starterCodeRepository = "starter_code_repository"
    }

    public init(from decoder: any Decoder) throws {
        let identity = try decoder.container(keyedBy: CodingKeys.self)
        let c = try decoder.container(keyedBy: FieldKeys.self)
        self.init(
            id: try identity.decode(Int64.self, forKey: .id),
            classroom: try identity.decode(Int64.self, forKey: .classroom),
            title: try c.decode(String.self, forKey: .title),
            type: try c.decodeIfPresent(Kind.self, forKey: .type) ?? .individual,
            slug: try c.decodeIfPresent(String.self, forKey: .slug),
            inviteLink: try c.decodeIfPresent(String.self, forKey: .inviteLink),
            invitationsEnabled: try c.decodeIfPresent(Bool.self, forKey: .invitationsEnabled) ?? true,
            deadline: try c.decodeIfPresent(Timestamp.self, forKey: .deadline),
            accepted: try c.decodeIfPresent(Int.self, forKey: .accepted) ?? 0,
            submitted: try c.decodeIfPresent(Int.self, forKey: .submitted) ?? 0,
            passing: try c.decodeIfPresent(Int.self, forKey: .passing) ?? 0,
            language: try c.decodeIfPresent(String.self, forKey: .language),
            publicRepo: try c.decodeIfPresent(Bool.self, forKey: .publicRepo) ?? false,
            studentsAreRepoAdmins: try c.decodeIfPresent(Bool.self, forKey: .studentsAreRepoAdmins) ?? false,
            feedbackPullRequestsEnabled: try c.decodeIfPresent(Bool.self, forKey: .feedbackPullRequestsEnabled) ?? false,
            maxTeams: try c.decodeIfPresent(Int.self, forKey: .maxTeams),
            maxMembers: try c.decodeIfPresent(Int.self, forKey: .maxMembers),
            editor: try c.decodeIfPresent(String.self, forKey: .editor),
            starterCodeRepository: try c.decodeIfPresent(String.self, forKey: .starterCodeRepository))
        for (key, value) in [(FieldKeys.accepted, accepted), (.submitted, submitted), (.passing, passing)] where value < 0 {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) must be >= 0, got \(value)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var identity = encoder.container(keyedBy: CodingKeys.self)
        try identity.encode(id, forKey: .id)
        try identity.encode(classroom, forKey: .classroom)
        var c = encoder.container(keyedBy: FieldKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(type, forKey: .type)
        try c.encode(slug, forKey: .slug)
        try c.encode(inviteLink, forKey: .inviteLink)
        try c.encode(invitationsEnabled, forKey: .invitationsEnabled)
        try c.encode(deadline, forKey: .deadline)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(submitted, forKey: .submitted)
        try c.encode(passing, forKey: .passing)
        try c.encode(language, forKey: .language)
        try c.encode(publicRepo, forKey: .publicRepo)
        try c.encode(studentsAreRepoAdmins, forKey: .studentsAreRepoAdmins)
        try c.encode(feedbackPullRequestsEnabled, forKey: .feedbackPullRequestsEnabled)
        try c.encode(maxTeams, forKey: .maxTeams)
        try c.encode(maxMembers, forKey: .maxMembers)
        try c.encode(editor, forKey: .editor)
        try c.encodeIfPresent(starterCodeRepository, forKey: .starterCodeRepository)
    }
}

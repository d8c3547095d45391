import KitPrimitives
import MockServerCore

extension GitHubClassroomWorld: PlatformWorld {
    /// Reads a world file's fields; absent ones take their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            clock: try c.decodeIfPresent(Timestamp.self, forKey: .clock) ?? GitHubClassroomWorld.defaultClock,
            rateLimit: try c.decodeIfPresent(GitHubRateLimit.self, forKey: .rateLimit) ?? GitHubRateLimit(),
            users: try c.decodeIfPresent([GitHubUser].self, forKey: .users) ?? [],
            classrooms: try c.decodeIfPresent([GitHubClassroom].self, forKey: .classrooms) ?? [],
            assignments: try c.decodeIfPresent([GitHubClassroomAssignment].self, forKey: .assignments) ?? [])
    }

    /// Checks ids, logins and tokens are unique and references (admins, classrooms) resolve; the
    /// error's location names the field.
    public func validate() throws(MockError) {
        var logins = Set<String>()
        try validateUsers { u, user throws(MockError) in
            guard !user.login.isEmpty else { throw .invalidWorld(at: "users[\(u)].login", "a login must not be empty") }
            guard logins.insert(user.login).inserted else { throw .invalidWorld(at: "users[\(u)].login", "duplicate login '\(user.login)'") }
        }
        var classroomIDs = Set<Int64>()
        for (c, classroom) in classrooms.enumerated() {
            guard classroomIDs.insert(classroom.id).inserted else {
                throw .invalidWorld(at: "classrooms[\(c)].id", "duplicate classroom id \(classroom.id)")
            }
            for (a, admin) in classroom.admins.enumerated() where !logins.contains(admin) {
                throw .invalidWorld(at: "classrooms[\(c)].admins[\(a)]", "unknown user login '\(admin)'")
            }
        }
        var assignmentIDs = Set<Int64>()
        for (a, assignment) in assignments.enumerated() {
            guard assignmentIDs.insert(assignment.id).inserted else {
                throw .invalidWorld(at: "assignments[\(a)].id", "duplicate assignment id \(assignment.id)")
            }
            guard classroomIDs.contains(assignment.classroom) else {
                throw .invalidWorld(at: "assignments[\(a)].classroom", "unknown classroom \(assignment.classroom)")
            }
            guard !assignment.title.isEmpty else { throw .invalidWorld(at: "assignments[\(a)].title", "a title must not be empty") }
            for (key, value) in [("max_teams", assignment.maxTeams), ("max_members", assignment.maxMembers)] {
                if let value, value < 1 { throw .invalidWorld(at: "assignments[\(a)].\(key)", "\(key) must be >= 1 or null") }
            }
            for (key, value) in [("accepted", assignment.accepted), ("submitted", assignment.submitted), ("passing", assignment.passing)]
            where value < 0 {
                throw .invalidWorld(at: "assignments[\(a)].\(key)", "\(key) must be >= 0")
            }
        }
    }

    /// Nothing depends on the clock or file order (slugs and invite links are derived on decoding).
    public mutating func normalize() {}
}

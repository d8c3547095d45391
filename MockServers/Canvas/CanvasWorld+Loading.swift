import KitPrimitives
import MockServerCore

extension CanvasWorld: PlatformWorld {
    /// Reads a world file's fields; absent ones take their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clock = try c.decodeIfPresent(Timestamp.self, forKey: .clock) ?? CanvasWorld.defaultClock
        timestampStyle = try c.decodeIfPresent(TimestampStyle.self, forKey: .timestampStyle) ?? .utc
        rateLimit = try c.decodeIfPresent(CanvasRateLimit.self, forKey: .rateLimit) ?? CanvasRateLimit()
        permissionStatus = try c.decodeIfPresent(Int.self, forKey: .permissionStatus) ?? 403
        users = try c.decodeIfPresent([CanvasUser].self, forKey: .users) ?? []
        courses = try c.decodeIfPresent([CanvasCourse].self, forKey: .courses) ?? []
        guard permissionStatus == 401 || permissionStatus == 403 else {
            throw DecodingError.dataCorruptedError(forKey: .permissionStatus, in: c, debugDescription: "permission_status must be 401 or 403")
        }
    }

    /// Checks ids are unique and references resolve; the error's location names the field.
    public func validate() throws(MockError) {
        let userIDs = try validateUsers()
        var courseIDs = Set<Int64>()
        var assignmentIDs = Set<Int64>()
        for (c, course) in courses.enumerated() {
            guard courseIDs.insert(course.id).inserted else {
                throw .invalidWorld(at: "courses[\(c)].id", "duplicate course id \(course.id)")
            }
            for (e, enrollment) in course.enrollments.enumerated() where !userIDs.contains(enrollment.user) {
                throw .invalidWorld(at: "courses[\(c)].enrollments[\(e)].user", "unknown user \(enrollment.user)")
            }
            for (a, assignment) in course.assignments.enumerated() {
                guard assignmentIDs.insert(assignment.id).inserted else {
                    throw .invalidWorld(at: "courses[\(c)].assignments[\(a)].id", "duplicate assignment id \(assignment.id) (Canvas ids are global)")
                }
            }
        }
    }

    /// Fills `updated_at`, `created_at` and `position` defaults from the clock and file order.
    public mutating func normalize() {
        for c in courses.indices {
            if courses[c].createdAt == nil { courses[c].createdAt = clock }
            for a in courses[c].assignments.indices {
                courses[c].assignments[a].normalize(clock: clock, defaultPosition: a + 1)
            }
        }
    }
}

extension CanvasAssignment {
    mutating func normalize(clock: Timestamp, defaultPosition: Int) {
        if updatedAt == nil { updatedAt = clock }
        if createdAt == nil { createdAt = min(updatedAt ?? clock, clock) }
        if position == nil { position = defaultPosition }
    }
}

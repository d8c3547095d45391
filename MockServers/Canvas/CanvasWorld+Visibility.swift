import KitPrimitives
import MockServerCore

extension CanvasWorld {
    /// The courses `GET /api/v1/courses` lists for a user, with the user's enrollments in each, in id order.
    ///
    /// - Parameters:
    ///   - enrollmentState: `active`, `invited_or_pending`, `completed`, or nil (active and invited).
    ///   - enrollmentType: only enrollments of this type (`student`, `teacher`, ...), or nil.
    ///   - states: course workflow states (`state[]`); empty means Canvas's default: `available` for
    ///     students and observers, everything but `deleted` for other roles.
    public func listedCourses(
        for userID: Int64, enrollmentState: String? = nil, enrollmentType: String? = nil, states: [String] = []
    ) -> [(course: CanvasCourse, enrollments: [CanvasEnrollment])] {
        var listed: [(CanvasCourse, [CanvasEnrollment])] = []
        for course in courses.sorted(by: { $0.id < $1.id }) {
            var mine = course.enrollments.filter { $0.user == userID && $0.state != .inactive }
            if let enrollmentType { mine = mine.filter { $0.type.rawValue == enrollmentType } }
            let effective = course.reportedState
            switch enrollmentState {
            case "active": mine = mine.filter { effective($0) == "active" }
            case "invited_or_pending": mine = mine.filter { effective($0) == "invited" }
            case "completed": mine = mine.filter { effective($0) == "completed" }
            default: mine = mine.filter { effective($0) == "active" || effective($0) == "invited" }
            }
            guard !mine.isEmpty else { continue }
            let manages = mine.contains { $0.type.seesUnpublished }
            let allowed = states.isEmpty ? (manages ? ["available", "completed", "unpublished"] : ["available"]) : states
            guard allowed.contains(course.workflowState.rawValue) else { continue }
            listed.append((course, mine))
        }
        return listed
    }

    /// What a client holding `token` can fetch as a sync client does: every assignment of every course
    /// listed with `enrollment_state=active`, in course then position order; nil when the token is
    /// not usable at `now` (unknown, expired or revoked).
    public func assignmentsVisible(to token: String, at now: Timestamp) -> [(courseID: Int64, assignment: CanvasAssignment)]? {
        guard let user = users.first(where: { $0.tokens.contains { $0.token == token && $0.effectiveState(at: now) == .active } }) else {
            return nil
        }
        var result: [(Int64, CanvasAssignment)] = []
        for (course, enrollments) in listedCourses(for: user.id, enrollmentState: "active") {
            let manages = enrollments.contains { $0.type.seesUnpublished }
            for assignment in course.visibleAssignments(seesUnpublished: manages) { result.append((course.id, assignment)) }
        }
        return result
    }
}

extension CanvasCourse {
    /// The enrollment state Canvas reports: `completed` in a concluded course.
    var reportedState: (CanvasEnrollment) -> String {
        { e in self.workflowState == .completed && e.state != .inactive ? "completed" : e.state.rawValue }
    }

    /// Assignments a list shows: not deleted, and published unless the viewer manages the course;
    /// in Canvas's default order (position, then id).
    public func visibleAssignments(seesUnpublished: Bool) -> [CanvasAssignment] {
        assignments
            .filter { $0.state != .deleted && ($0.published || seesUnpublished) }
            .sorted { ($0.position ?? 0, $0.id) < ($1.position ?? 0, $1.id) }
    }
}

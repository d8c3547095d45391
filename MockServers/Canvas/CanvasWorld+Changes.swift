import KitPrimitives
import MockServerCore

extension CanvasWorld {
    /// Applies `change` in place (``PlatformWorld/apply(_:now:)`` works on a copy and validates it).
    public mutating func applyInPlace(_ change: CanvasWorldChange, now: Timestamp) throws(MockError) {
        switch change {
        case .account(let change): try applyInPlace(change, now: now)
        case .addCourse(var course):
            if course.createdAt == nil { course.createdAt = now }
            for a in course.assignments.indices { course.assignments[a].normalize(clock: now, defaultPosition: a + 1) }
            courses.append(course)
        case .updateCourse(let id, let patch):
            let c = try courseIndex(id)
            if let name = patch.name { courses[c].name = name }
            if let code = patch.courseCode { courses[c].courseCode = code }
            if let state = patch.workflowState { courses[c].workflowState = state }
        case .deleteCourse(let id):
            courses[try courseIndex(id)].workflowState = .deleted
        case .enroll(let courseID, let enrollment):
            let c = try courseIndex(courseID)
            _ = try userIndex(enrollment.user)
            courses[c].enrollments.removeAll { $0.user == enrollment.user }
            courses[c].enrollments.append(enrollment)
        case .addAssignment(let courseID, var assignment):
            let c = try courseIndex(courseID)
            if assignment.updatedAt == nil { assignment.updatedAt = now }
            let nextPosition = (courses[c].assignments.compactMap(\.position).max() ?? 0) + 1
            assignment.normalize(clock: now, defaultPosition: nextPosition)
            courses[c].assignments.append(assignment)
        case .updateAssignment(let id, let patch):
            try editAssignment(id, now: now) { a in
                if let name = patch.name { a.name = name }
                if let description = patch.description { a.description = description }
                if let dueAt = patch.dueAt { a.dueAt = dueAt }
                if let points = patch.pointsPossible { a.pointsPossible = points }
                if let position = patch.position { a.position = position }
                if let published = patch.published { a.state = published ? .published : .unpublished }
            }
        case .deleteAssignment(let id):
            try editAssignment(id, now: now) { $0.state = .deleted }
        case .publishAssignment(let id):
            try editAssignment(id, now: now) { $0.state = .published }
        case .unpublishAssignment(let id):
            try editAssignment(id, now: now) { $0.state = .unpublished }
        case .touchAssignment(let id):
            try editAssignment(id, now: now) { _ in }
        case .setTimestampStyle(let style):
            timestampStyle = style
        }
    }

    private mutating func editAssignment(_ id: Int64, now: Timestamp, _ edit: (inout CanvasAssignment) -> Void) throws(MockError) {
        for c in courses.indices {
            if let a = courses[c].assignments.firstIndex(where: { $0.id == id }) {
                guard courses[c].assignments[a].state != .deleted else {
                    throw MockError(.notFound, "assignment \(id) is deleted")
                }
                edit(&courses[c].assignments[a])
                courses[c].assignments[a].updatedAt = now
                return
            }
        }
        throw MockError(.notFound, "no assignment \(id)")
    }

    func courseIndex(_ id: Int64) throws(MockError) -> Int {
        guard let index = courses.firstIndex(where: { $0.id == id }) else { throw MockError(.notFound, "no course \(id)") }
        return index
    }
}

import KitPrimitives
import MockServerCore

extension GitHubClassroomWorld {
    /// Applies `change` in place (``PlatformWorld/apply(_:now:)`` works on a copy and validates it).
    public mutating func applyInPlace(_ change: GitHubClassroomWorldChange, now: Timestamp) throws(MockError) {
        switch change {
        case .account(let change): try applyInPlace(change, now: now)
        case .addClassroom(let classroom):
            classrooms.append(classroom)
        case .updateClassroom(let id, let patch):
            let c = try classroomIndex(id)
            if let name = patch.name { classrooms[c].name = name }
            if let archived = patch.archived { classrooms[c].archived = archived }
        case .deleteClassroom(let id):
            classrooms.remove(at: try classroomIndex(id))
            assignments.removeAll { $0.classroom == id }
        case .addAdmin(let id, let login):
            let c = try classroomIndex(id)
            guard users.contains(where: { $0.login == login }) else { throw MockError(.notFound, "no user with login '\(login)'") }
            if !classrooms[c].admins.contains(login) { classrooms[c].admins.append(login) }
        case .removeAdmin(let id, let login):
            let c = try classroomIndex(id)
            guard classrooms[c].admins.contains(login) else {
                throw MockError(.notFound, "'\(login)' does not administer classroom \(id)")
            }
            classrooms[c].admins.removeAll { $0 == login }
        case .addAssignment(let assignment):
            _ = try classroomIndex(assignment.classroom)
            assignments.append(assignment)
        case .updateAssignment(let id, let patch):
            patch.apply(to: &assignments[try assignmentIndex(id)])
        case .deleteAssignment(let id):
            assignments.remove(at: try assignmentIndex(id))
        }
    }

    func classroomIndex(_ id: Int64) throws(MockError) -> Int {
        guard let index = classrooms.firstIndex(where: { $0.id == id }) else { throw MockError(.notFound, "no classroom \(id)") }
        return index
    }

    func assignmentIndex(_ id: Int64) throws(MockError) -> Int {
        guard let index = assignments.firstIndex(where: { $0.id == id }) else { throw MockError(.notFound, "no assignment \(id)") }
        return index
    }
}

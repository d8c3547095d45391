import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore

extension GitHubClassroomWorldChange {
    /// The GitHub Classroom changes that do to the translated world what `change` does to `world`.
    ///
    /// The translation is the difference between ``GitHubClassroomWorld/init(translating:)`` of the
    /// world before and after the change, so the GitHub world always stays the translation of the
    /// Canvas world:
    /// - `update_assignment` → `update_assignment` (title, deadline; other fields have no effect),
    ///   `publish_assignment` / `add_assignment` of a published one → `add_assignment`,
    ///   `unpublish_assignment` / `delete_assignment` → `delete_assignment`;
    /// - `add_course` → `add_classroom` (with its admins) and its published assignments;
    ///   `update_course`, `delete_course`, `enroll` → `update_classroom`, `add_admin`, `remove_admin`;
    /// - `add_user`, `issue_token`, `revoke_token`, `expire_token` → the same change;
    /// - Canvas-only changes (`touch_assignment`, `set_timestamp_style`, description edits) → nothing.
    ///
    /// - Parameters:
    ///   - change: The Canvas change.
    ///   - world: The Canvas world before it.
    ///   - now: The virtual time it happens at.
    /// - Returns: The GitHub changes, in an order the GitHub world accepts (users, classrooms, admins,
    ///   then assignments; removals of admins and assignments first).
    /// - Throws: The Canvas world's error when the change does not apply to `world`.
    public static func translating(_ change: CanvasWorldChange, in world: CanvasWorld, now: Timestamp) throws(MockError) -> [GitHubClassroomWorldChange] {
        var after = world
        try after.apply(change, now: now)
        return changes(from: GitHubClassroomWorld(translating: world), to: GitHubClassroomWorld(translating: after))
    }

    /// The changes that turn `before` into `after` (users, tokens, classrooms, admins and
    /// assignments; rate limits and the clock are not changes).
    public static func changes(from before: GitHubClassroomWorld, to after: GitHubClassroomWorld) -> [GitHubClassroomWorldChange] {
        var out: [GitHubClassroomWorldChange] = []
        // Assignments that go away (before classrooms lose them).
        let afterAssignments = Dictionary(after.assignments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for old in before.assignments where afterAssignments[old.id] == nil { out.append(.deleteAssignment(id: old.id)) }
        // Users and tokens.
        for user in after.users {
            guard let old = before.users.first(where: { $0.id == user.id }) else {
                out.append(.addUser(user))
                continue
            }
            for token in user.tokens {
                guard let oldToken = old.tokens.first(where: { $0.token == token.token }) else {
                    out.append(.issueToken(user: user.id, token: token))
                    continue
                }
                if token.state == .revoked, oldToken.state != .revoked { out.append(.revokeToken(token.token)) }
                if token.state == .expired, oldToken.state != .expired || token.expiresAt != oldToken.expiresAt {
                    out.append(.expireToken(token.token))
                }
            }
        }
        // Classrooms and their admins.
        for classroom in after.classrooms {
            guard let old = before.classrooms.first(where: { $0.id == classroom.id }) else {
                out.append(.addClassroom(classroom))
                continue
            }
            if old.name != classroom.name || old.archived != classroom.archived {
                out.append(.updateClassroom(
                    id: classroom.id,
                    ClassroomPatch(name: old.name == classroom.name ? nil : classroom.name, archived: old.archived == classroom.archived ? nil : classroom.archived)))
            }
            for login in old.admins where !classroom.admins.contains(login) { out.append(.removeAdmin(classroom: classroom.id, login: login)) }
            for login in classroom.admins where !old.admins.contains(login) { out.append(.addAdmin(classroom: classroom.id, login: login)) }
        }
        // Assignments that appear or change.
        let beforeAssignments = Dictionary(before.assignments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for assignment in after.assignments {
            guard let old = beforeAssignments[assignment.id] else {
                out.append(.addAssignment(assignment))
                continue
            }
            if old.title != assignment.title || old.deadline != assignment.deadline {
                out.append(.updateAssignment(
                    id: assignment.id,
                    AssignmentPatch(title: old.title == assignment.title ? nil : assignment.title,
                                    deadline: old.deadline == assignment.deadline ? nil : .some(assignment.deadline))))
            }
        }
        return out
    }
}

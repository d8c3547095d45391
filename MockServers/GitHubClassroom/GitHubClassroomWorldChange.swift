import KitPrimitives
import MockServerCore

/// A change to the GitHub Classroom world, made by the controller (in-process, over `/__mock/`, from
/// a scenario file) or by a `world_change` fault between two requests. GitHub keeps no edit stamps,
/// so changes never touch the clock.
///
/// ```yaml
/// {change: add_assignment, assignment: {id: 80010, classroom: 7001, title: Problem Set 2}}
/// {change: update_assignment, id: 80001, deadline: null, invitations_enabled: false}
/// {change: delete_assignment, id: 80001}
/// {change: update_classroom, id: 7001, archived: true}
/// {change: remove_admin, classroom: 7001, login: bob}
/// {change: revoke_token, token: tok-alice}
/// ```
public enum GitHubClassroomWorldChange: PlatformChange {
    /// `add_user`, `issue_token`, `revoke_token` or `expire_token` (``addUser(_:)``, ...).
    case account(AccountChange<GitHubUser>)
    case addClassroom(GitHubClassroom)
    case updateClassroom(id: Int64, ClassroomPatch)
    /// Removes a classroom and its assignments.
    case deleteClassroom(id: Int64)
    case addAdmin(classroom: Int64, login: String)
    case removeAdmin(classroom: Int64, login: String)
    case addAssignment(GitHubClassroomAssignment)
    case updateAssignment(id: Int64, AssignmentPatch)
    /// Removes an assignment (GitHub shows no trace of a deleted one: `GET /assignments/{id}` is 404).
    case deleteAssignment(id: Int64)

    /// Fields of a classroom to change.
    public struct ClassroomPatch: Sendable, Hashable, Codable {
        public var name: String?
        public var archived: Bool?

        /// Creates a patch; nil fields stay as they are.
        public init(name: String? = nil, archived: Bool? = nil) {
            self.name = name
            self.archived = archived
        }
    }

    /// The name written in files (`change: add_assignment`).
    public var name: String {
        switch self {
        case .account(let change): change.name
        case .addClassroom: "add_classroom"
        case .updateClassroom: "update_classroom"
        case .deleteClassroom: "delete_classroom"
        case .addAdmin: "add_admin"
        case .removeAdmin: "remove_admin"
        case .addAssignment: "add_assignment"
        case .updateAssignment: "update_assignment"
        case .deleteAssignment: "delete_assignment"
        }
    }

    /// Every change name.
    public static let names = AccountChange<GitHubUser>.names + [
        "add_classroom", "update_classroom", "delete_classroom", "add_admin", "remove_admin", "add_assignment",
        "update_assignment", "delete_assignment",
    ]
}

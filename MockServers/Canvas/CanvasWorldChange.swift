import KitPrimitives
import MockServerCore

/// A change to the Canvas world, made by the controller (in-process, over `/__mock/`, from a scenario
/// file) or by a `world_change` fault between two requests. Changes that edit an assignment stamp its
/// `updated_at` with the virtual clock, as Canvas stamps any edit.
///
/// ```yaml
/// {change: add_assignment, course: 2001, assignment: {id: 50010, name: Problem Set 2}}
/// {change: update_assignment, id: 50001, due_at: "2025-09-12T03:59:59Z"}
/// {change: unpublish_assignment, id: 50001}
/// {change: revoke_token, token: tok-alice}
/// ```
public enum CanvasWorldChange: PlatformChange {
    /// `add_user`, `issue_token`, `revoke_token` or `expire_token` (``addUser(_:)``, ...).
    case account(AccountChange<CanvasUser>)
    case addCourse(CanvasCourse)
    case updateCourse(id: Int64, CoursePatch)
    case deleteCourse(id: Int64)
    case enroll(course: Int64, CanvasEnrollment)
    case addAssignment(course: Int64, CanvasAssignment)
    case updateAssignment(id: Int64, AssignmentPatch)
    case deleteAssignment(id: Int64)
    case publishAssignment(id: Int64)
    case unpublishAssignment(id: Int64)
    /// Bumps `updated_at` without changing anything else.
    case touchAssignment(id: Int64)
    case setTimestampStyle(TimestampStyle)

    /// Fields of a course to change.
    public struct CoursePatch: Sendable, Hashable, Codable {
        public var name: String?
        public var courseCode: String?
        public var workflowState: CanvasCourse.WorkflowState?

        public init(name: String? = nil, courseCode: String? = nil, workflowState: CanvasCourse.WorkflowState? = nil) {
            self.name = name
            self.courseCode = courseCode
            self.workflowState = workflowState
        }

        enum CodingKeys: String, CodingKey { case name, courseCode = "course_code", workflowState = "workflow_state" }
    }

    /// Fields of an assignment to change; for nullable fields an explicit `null` clears the value.
    /// (The synthesized encoding writes what decoding reads: a nil field is left out, `.some(nil)`
    /// is written `null`.)
    public struct AssignmentPatch: Sendable, Hashable, Codable {
        public var name: String?
        public var description: String??
        public var dueAt: Timestamp??
        public var pointsPossible: Double??
        public var position: Int?
        public var published: Bool?

        public init(
            name: String? = nil, description: String?? = nil, dueAt: Timestamp?? = nil, pointsPossible: Double?? = nil,
            position: Int? = nil, published: Bool? = nil
        ) {
            self.name = name
            self.description = description
            self.dueAt = dueAt
            self.pointsPossible = pointsPossible
            self.position = position
            self.published = published
        }

        enum CodingKeys: String, CodingKey {
            case name, description, dueAt = "due_at", pointsPossible = "points_possible", position, published
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            description = try c.decodeNullable(String.self, forKey: .description)
            dueAt = try c.decodeNullable(Timestamp.self, forKey: .dueAt)
            pointsPossible = try c.decodeNullable(Double.self, forKey: .pointsPossible)
            position = try c.decodeIfPresent(Int.self, forKey: .position)
            published = try c.decodeIfPresent(Bool.self, forKey: .published)
        }
    }

    /// The name written in files (`change: add_assignment`).
    public var name: String {
        switch self {
        case .account(let change): change.name
        case .addCourse: "add_course"
        case .updateCourse: "update_course"
        case .deleteCourse: "delete_course"
        case .enroll: "enroll"
        case .addAssignment: "add_assignment"
        case .updateAssignment: "update_assignment"
        case .deleteAssignment: "delete_assignment"
        case .publishAssignment: "publish_assignment"
        case .unpublishAssignment: "unpublish_assignment"
        case .touchAssignment: "touch_assignment"
        case .setTimestampStyle: "set_timestamp_style"
        }
    }

    /// Every change name.
    public static let names = AccountChange<CanvasUser>.names + [
        "add_course", "update_course", "delete_course", "enroll", "add_assignment", "update_assignment",
        "delete_assignment", "publish_assignment", "unpublish_assignment", "touch_assignment", "set_timestamp_style",
    ]
}

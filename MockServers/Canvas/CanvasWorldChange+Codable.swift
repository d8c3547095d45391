import KitPrimitives
import MockServerCore

extension CanvasWorldChange {
    /// A `userInfo` key naming the change when the payload itself does not.
    public static let nameFromContext = CodingUserInfoKey(rawValue: "canvas-change-name")!

    enum Keys: String, CodingKey {
        case course, id, enrollment, assignment, style
    }

    public init(from decoder: any Decoder) throws {
        let name = try Self.decodeName(from: decoder)
        if let account = try AccountChange<CanvasUser>(name: name, from: decoder) {
            self = .account(account)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        switch name {
        case "add_course": self = .addCourse(try c.decode(CanvasCourse.self, forKey: .course))
        case "update_course": self = .updateCourse(id: try c.decode(Int64.self, forKey: .id), try CoursePatch(from: decoder))
        case "delete_course": self = .deleteCourse(id: try c.decode(Int64.self, forKey: .id))
        case "enroll": self = .enroll(course: try c.decode(Int64.self, forKey: .course), try CanvasEnrollment(from: decoder))
        case "add_assignment":
            self = .addAssignment(course: try c.decode(Int64.self, forKey: .course), try c.decode(CanvasAssignment.self, forKey: .assignment))
        case "update_assignment": self = .updateAssignment(id: try c.decode(Int64.self, forKey: .id), try AssignmentPatch(from: decoder))
        case "delete_assignment": self = .deleteAssignment(id: try c.decode(Int64.self, forKey: .id))
        case "publish_assignment": self = .publishAssignment(id: try c.decode(Int64.self, forKey: .id))
        case "unpublish_assignment": self = .unpublishAssignment(id: try c.decode(Int64.self, forKey: .id))
        case "touch_assignment": self = .touchAssignment(id: try c.decode(Int64.self, forKey: .id))
        case "set_timestamp_style": self = .setTimestampStyle(try c.decode(TimestampStyle.self, forKey: .style))
        default: throw try Self.unknownChange(name, in: decoder)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeName(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .account(let change): try change.encodeFields(to: encoder)
        case .addCourse(let course): try c.encode(course, forKey: .course)
        case .updateCourse(let id, let patch):
            try c.encode(id, forKey: .id)
            try patch.encode(to: encoder)
        case .enroll(let course, let enrollment):
            try c.encode(course, forKey: .course)
            try enrollment.encode(to: encoder)
        case .addAssignment(let course, let assignment):
            try c.encode(course, forKey: .course)
            try c.encode(assignment, forKey: .assignment)
        case .updateAssignment(let id, let patch):
            try c.encode(id, forKey: .id)
            try patch.encode(to: encoder)
        case .deleteCourse(let id), .deleteAssignment(let id), .publishAssignment(let id), .unpublishAssignment(let id),
            .touchAssignment(let id):
            try c.encode(id, forKey: .id)
        case .setTimestampStyle(let style): try c.encode(style, forKey: .style)
        }
    }
}

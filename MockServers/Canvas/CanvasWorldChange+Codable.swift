import KitPrimitives
import MockServerCore

extension CanvasWorldChange {
    /// A `userInfo` key naming the change when the payload itself does not.
    public static let nameFromContext = CodingUserInfoKey(rawValue: "canvas-change-name")!

    enum Keys: String, CodingKey {
        case change, user, token, course, id, enrollment, assignment, style
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        // Over `/__mock/<name>` the change is named by the path, not the body.
        let name = try c.decodeIfPresent(String.self, forKey: .change)
            ?? (decoder.userInfo[Self.nameFromContext] as? String)
            ?? c.decode(String.self, forKey: .change)
        switch name {
        case "add_user": self = .addUser(try c.decode(CanvasUser.self, forKey: .user))
        case "issue_token": self = .issueToken(user: try c.decode(Int64.self, forKey: .user), token: try c.decode(CanvasToken.self, forKey: .token))
        case "revoke_token": self = .revokeToken(try c.decode(String.self, forKey: .token))
        case "expire_token": self = .expireToken(try c.decode(String.self, forKey: .token))
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
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .change, in: c, debugDescription: "unknown change '\(name)'; known changes: \(Self.names.joined(separator: ", "))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .change)
        switch self {
        case .addUser(let user): try c.encode(user, forKey: .user)
        case .issueToken(let user, let token):
            try c.encode(user, forKey: .user)
            try c.encode(token, forKey: .token)
        case .revokeToken(let token), .expireToken(let token): try c.encode(token, forKey: .token)
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

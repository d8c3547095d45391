import KitPrimitives
import MockServerCore

extension GitHubClassroomWorldChange {
    /// A `userInfo` key naming the change when the payload itself does not.
    public static let nameFromContext = CodingUserInfoKey(rawValue: "github-classroom-change-name")!

    enum Keys: String, CodingKey {
        case classroom, id, login, assignment, name, archived
    }

    public init(from decoder: any Decoder) throws {
        let name = try Self.decodeName(from: decoder)
        if let account = try AccountChange<GitHubUser>(name: name, from: decoder) {
            self = .account(account)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        switch name {
        case "add_classroom": self = .addClassroom(try c.decode(GitHubClassroom.self, forKey: .classroom))
        case "update_classroom":
            self = .updateClassroom(
                id: try c.decode(Int64.self, forKey: .id),
                ClassroomPatch(name: try c.decodeIfPresent(String.self, forKey: .name), archived: try c.decodeIfPresent(Bool.self, forKey: .archived)))
        case "delete_classroom": self = .deleteClassroom(id: try c.decode(Int64.self, forKey: .id))
        case "add_admin":
            self = .addAdmin(classroom: try c.decode(Int64.self, forKey: .classroom), login: try c.decode(String.self, forKey: .login))
        case "remove_admin":
            self = .removeAdmin(classroom: try c.decode(Int64.self, forKey: .classroom), login: try c.decode(String.self, forKey: .login))
        case "add_assignment": self = .addAssignment(try c.decode(GitHubClassroomAssignment.self, forKey: .assignment))
        case "update_assignment": self = .updateAssignment(id: try c.decode(Int64.self, forKey: .id), try AssignmentPatch(from: decoder))
        case "delete_assignment": self = .deleteAssignment(id: try c.decode(Int64.self, forKey: .id))
        default: throw try Self.unknownChange(name, in: decoder)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeName(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .account(let change): try change.encodeFields(to: encoder)
        case .addClassroom(let classroom): try c.encode(classroom, forKey: .classroom)
        case .updateClassroom(let id, let patch):
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(patch.name, forKey: .name)
            try c.encodeIfPresent(patch.archived, forKey: .archived)
        case .addAdmin(let classroom, let login), .removeAdmin(let classroom, let login):
            try c.encode(classroom, forKey: .classroom)
            try c.encode(login, forKey: .login)
        case .addAssignment(let assignment): try c.encode(assignment, forKey: .assignment)
        case .updateAssignment(let id, let patch):
            try c.encode(id, forKey: .id)
            try patch.encode(to: encoder)
        case .deleteClassroom(let id), .deleteAssignment(let id):
            try c.encode(id, forKey: .id)
        }
    }
}

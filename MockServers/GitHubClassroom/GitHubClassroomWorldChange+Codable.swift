import KitPrimitives
import MockServerCore

extension GitHubClassroomWorldChange {
    /// A `userInfo` key naming the change when the payload itself does not.
    public static let nameFromContext = CodingUserInfoKey(rawValue: "github-classroom-change-name")!

    enum Keys: String, CodingKey {
        case change, user, token, classroom, id, login, assignment, name, archived
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        // Over `/__mock/<name>` the change is named by the path, not the body.
        let name = try c.decodeIfPresent(String.self, forKey: .change)
            ?? (decoder.userInfo[Self.nameFromContext] as? String)
            ?? c.decode(String.self, forKey: .change)
        switch name {
        case "add_user": self = .addUser(try c.decode(GitHubUser.self, forKey: .user))
        case "issue_token":
            self = .issueToken(user: try c.decode(Int64.self, forKey: .user), token: try c.decode(PlatformToken.self, forKey: .token))
        case "revoke_token": self = .revokeToken(try c.decode(String.self, forKey: .token))
        case "expire_token": self = .expireToken(try c.decode(String.self, forKey: .token))
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

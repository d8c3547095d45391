/// The routes of the GitHub Classroom surface the mock serves (all `GET`, all authenticated).
enum GitHubRoute: Equatable {
    case currentUser
    case classrooms
    case classroom(Int64)
    case classroomAssignments(classroom: Int64)
    case assignment(Int64)

    /// The route for `method` and `path`, or nil (GitHub answers 404).
    init?(method: String, path: String) {
        guard method == "GET" else { return nil }
        let p = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        func id(_ s: String) -> Int64? { !s.isEmpty && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } ? Int64(s) : nil }
        switch p.count {
        case 1 where p[0] == "user": self = .currentUser
        case 1 where p[0] == "classrooms": self = .classrooms
        case 2 where p[0] == "classrooms":
            guard let c = id(p[1]) else { return nil }
            self = .classroom(c)
        case 3 where p[0] == "classrooms" && p[2] == "assignments":
            guard let c = id(p[1]) else { return nil }
            self = .classroomAssignments(classroom: c)
        case 2 where p[0] == "assignments":
            guard let a = id(p[1]) else { return nil }
            self = .assignment(a)
        default: return nil
        }
    }

    /// The documentation page GitHub names in this route's error bodies.
    var documentationURL: String {
        switch self {
        case .currentUser: "https://docs.github.com/rest/users/users#get-the-authenticated-user"
        case .classrooms: "https://docs.github.com/rest/classroom/classroom#list-classrooms"
        case .classroom: "https://docs.github.com/rest/classroom/classroom#get-a-classroom"
        case .classroomAssignments: "https://docs.github.com/rest/classroom/classroom#list-assignments-for-a-classroom"
        case .assignment: "https://docs.github.com/rest/classroom/classroom#get-an-assignment"
        }
    }
}

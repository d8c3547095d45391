import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore

extension GitHubClassroomWorld {
    /// The GitHub Classroom world a Canvas world stands for, so one scenario runs on both platforms.
    ///
    /// - Each Canvas user becomes a GitHub user with the same id and tokens (states and expiries
    ///   carried over) and a login from the first word of the name (`Alice Student` → `alice`), or
    ///   `user-<id>` when that is empty or taken.
    /// - Each course becomes a classroom with the same id and name, archived when the course is
    ///   concluded. Its admins are the users for whom Canvas lists the course among their active
    ///   enrollments (any role), so a token sees the same classrooms it saw as courses.
    /// - Each published, not deleted assignment becomes a classroom assignment with the same id;
    ///   `name` becomes `title`, `due_at` becomes `deadline`; the description is dropped (GitHub has
    ///   none). Unpublished and deleted assignments are left out: GitHub has no drafts.
    /// - The clock is the same; the rate limits are GitHub's defaults (Canvas's leaky bucket has no
    ///   GitHub counterpart).
    ///
    /// - Parameter canvas: The Canvas world (normalized).
    public init(translating canvas: CanvasWorld) {
        let logins = Self.logins(for: canvas.users)
        var classrooms: [GitHubClassroom] = []
        var assignments: [GitHubClassroomAssignment] = []
        for course in canvas.courses {
            let admins = canvas.users.filter { user in
                canvas.listedCourses(for: user.id, enrollmentState: "active").contains { $0.course.id == course.id }
            }.compactMap { logins[$0.id] }
            classrooms.append(GitHubClassroom(id: course.id, name: course.name, archived: course.workflowState == .completed, admins: admins))
            for assignment in course.visibleAssignments(seesUnpublished: false).sorted(by: { $0.id < $1.id }) {
                assignments.append(GitHubClassroomAssignment(
                    id: assignment.id, classroom: course.id, title: assignment.name, deadline: assignment.dueAt))
            }
        }
        self.init(
            clock: canvas.clock,
            users: canvas.users.map { GitHubUser(id: $0.id, login: logins[$0.id] ?? "user-\($0.id)", name: $0.name, tokens: $0.tokens) },
            classrooms: classrooms, assignments: assignments)
    }

    /// The login each Canvas user gets: the first word of the name in lowercase ASCII letters and
    /// digits, else (empty or already taken) `user-<id>`; earlier users keep theirs as users are added.
    public static func logins(for users: [CanvasUser]) -> [Int64: String] {
        var taken: Set<String> = []
        var logins: [Int64: String] = [:]
        for user in users {
            let first = user.name.split(separator: " ").first.map(String.init) ?? ""
            let cleaned = String(first.lowercased().unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
            let login = cleaned.isEmpty || taken.contains(cleaned) || cleaned.hasPrefix("user") ? "user-\(user.id)" : cleaned
            taken.insert(login)
            logins[user.id] = login
        }
        return logins
    }
}

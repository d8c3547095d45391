import KitPrimitives
import MockServerCore

/// The state of a mock GitHub Classroom, under its server's lock.
typealias GitHubClassroomState = MockPlatformState<GitHubClassroomPlatform>

/// What a mock GitHub Classroom keeps beside its world: lookups by token and id, and the rate
/// limiter's windows (which survive world changes and clock moves, and clear on `reset`).
public struct GitHubClassroomRuntime: PlatformRuntime {
    var index: GitHubClassroomIndex
    var limiter = GitHubRateLimiter()

    public init(world: GitHubClassroomWorld) {
        index = GitHubClassroomIndex(world)
    }

    public mutating func worldDidChange(_ world: GitHubClassroomWorld) {
        index = GitHubClassroomIndex(world)
    }
}

/// Lookups into the world by token and id.
struct GitHubClassroomIndex: Sendable {
    var tokens: [String: (user: Int, token: Int)] = [:]
    var classrooms: [Int64: Int] = [:]
    var assignments: [Int64: Int] = [:]
    /// Assignment indexes of each classroom, in assignment id order.
    var assignmentsByClassroom: [Int64: [Int]] = [:]

    init(_ world: GitHubClassroomWorld) {
        for (u, user) in world.users.enumerated() {
            for (t, token) in user.tokens.enumerated() { tokens[token.token] = (u, t) }
        }
        for (c, classroom) in world.classrooms.enumerated() { classrooms[classroom.id] = c }
        for (a, assignment) in world.assignments.enumerated() {
            assignments[assignment.id] = a
            assignmentsByClassroom[assignment.classroom, default: []].append(a)
        }
        for key in assignmentsByClassroom.keys {
            assignmentsByClassroom[key]?.sort { world.assignments[$0].id < world.assignments[$1].id }
        }
    }
}

import KitPrimitives
import MockServerCore

/// The mock GitHub Classroom's state: users and their tokens, classrooms (with their admins),
/// assignments, the virtual clock's start and the rate limits. World files decode into this.
///
/// Assignments sit at the top level and name their classroom; a user sees a classroom and its
/// assignments only when their login is among the classroom's `admins`.
///
/// ```yaml
/// clock: "2025-09-01T12:00:00Z"
/// rate_limit: {limit: 5000, status: 403}
/// users: [{id: 1001, login: alice, tokens: [tok-alice]}]
/// classrooms: [{id: 7001, name: 6.104 Fall 2025, organization: {id: 9001, login: mit-6104}, admins: [alice]}]
/// assignments: [{id: 80001, classroom: 7001, title: Problem Set 1, deadline: "2025-09-10T03:59:59Z"}]
/// ```
public struct GitHubClassroomWorld: Sendable, Hashable, Codable, TokenWorld, RateLimitedWorld {
    /// Virtual time at start.
    public var clock: Timestamp
    /// Primary and secondary rate limits.
    public var rateLimit: GitHubRateLimit
    /// GitHub users (Classroom admins) with their tokens.
    public var users: [GitHubUser]
    /// Classrooms.
    public var classrooms: [GitHubClassroom]
    /// Assignments of every classroom, each naming its classroom.
    public var assignments: [GitHubClassroomAssignment]

    /// Creates a world.
    ///
    /// - Parameters:
    ///   - clock: Virtual time at start.
    ///   - rateLimit: The rate limits (GitHub's defaults unless given).
    ///   - users: Users and their tokens.
    ///   - classrooms: Classrooms.
    ///   - assignments: Assignments, each naming a classroom of `classrooms`.
    public init(
        clock: Timestamp = GitHubClassroomWorld.defaultClock, rateLimit: GitHubRateLimit = GitHubRateLimit(),
        users: [GitHubUser] = [], classrooms: [GitHubClassroom] = [], assignments: [GitHubClassroomAssignment] = []
    ) {
        self.clock = clock
        self.rateLimit = rateLimit
        self.users = users
        self.classrooms = classrooms
        self.assignments = assignments
    }

    /// An empty world at the default clock.
    public init() { self.init(clock: GitHubClassroomWorld.defaultClock) }

    /// The fields of a world file (they encode in declaration order).
    enum CodingKeys: String, CodingKey {
        case clock, rateLimit = "rate_limit", users, classrooms, assignments
    }

    /// The clock used when a world file gives none: 2025-09-01T12:00:00Z.
    public static let defaultClock = Timestamp(seconds: 1_756_728_000)

    /// The user holding `token`, whatever the token's state.
    public func user(holding token: String) -> (user: GitHubUser, token: PlatformToken)? {
        for user in users {
            if let record = user.tokens.first(where: { $0.token == token }) { return (user, record) }
        }
        return nil
    }

    /// The classrooms `login` administers, archived ones included, in id order.
    public func classrooms(administeredBy login: String) -> [GitHubClassroom] {
        classrooms.filter { $0.isAdministered(by: login) }.sorted { $0.id < $1.id }
    }

    /// The assignments of classroom `id`, in id order.
    public func assignments(inClassroom id: Int64) -> [GitHubClassroomAssignment] {
        assignments.filter { $0.classroom == id }.sorted { $0.id < $1.id }
    }
}

import KitPrimitives
import MockServerCore
import NIOCore

/// The state of a mock Canvas, under its server's lock.
typealias CanvasState = MockPlatformState<CanvasPlatform>

/// What a mock Canvas keeps beside its world: lookups by id and token, the throttle's buckets and
/// rendered list pages.
public struct CanvasRuntime: PlatformRuntime {
    var index: CanvasIndex
    var throttle = CanvasThrottle()
    /// Rendered list pages, keyed by everything that decides their bytes; cleared on any change.
    var pageCache: [String: CachedPage] = [:]

    struct CachedPage: Sendable {
        var body: ByteBuffer
        var link: String
    }

    public init(world: CanvasWorld) {
        index = CanvasIndex(world)
    }

    public mutating func worldDidChange(_ world: CanvasWorld) {
        index = CanvasIndex(world)
        pageCache.removeAll(keepingCapacity: true)
    }
}

/// Lookups into the world by id and by token.
struct CanvasIndex: Sendable {
    var users: [Int64: Int] = [:]
    var tokens: [String: (user: Int, token: Int)] = [:]
    var courses: [Int64: Int] = [:]
    var assignments: [Int64: (course: Int, assignment: Int)] = [:]

    init() {}

    init(_ world: CanvasWorld) {
        for (u, user) in world.users.enumerated() {
            users[user.id] = u
            for (t, token) in user.tokens.enumerated() { tokens[token.token] = (u, t) }
        }
        for (c, course) in world.courses.enumerated() {
            courses[course.id] = c
            for (a, assignment) in course.assignments.enumerated() { assignments[assignment.id] = (c, a) }
        }
    }
}

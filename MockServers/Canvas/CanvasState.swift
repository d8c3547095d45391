import KitPrimitives
import MockServerCore
import NIOCore

/// Everything a mock Canvas knows, kept behind one lock in ``MockCanvas``.
struct CanvasState: Sendable {
    /// The world as last loaded; `reset` returns to it.
    var loadedWorld: CanvasWorld
    var world: CanvasWorld
    var clock: VirtualClock
    var index = CanvasIndex()
    var throttle = CanvasThrottle()
    var faults: FaultSchedule<CanvasWorldChange>
    var journal: RequestJournal
    /// Rendered list pages, keyed by everything that decides their bytes; cleared on any change.
    var pageCache: [String: CachedPage] = [:]

    struct CachedPage: Sendable {
        var body: ByteBuffer
        var link: String
    }

    init(world: CanvasWorld, seed: UInt64, journalCapacity: Int) {
        loadedWorld = world
        self.world = world
        clock = VirtualClock(start: world.clock)
        faults = FaultSchedule(seed: seed)
        journal = RequestJournal(capacity: journalCapacity)
        index = CanvasIndex(world)
    }

    /// Call after any change to the world or the clock.
    mutating func worldDidChange() {
        index = CanvasIndex(world)
        pageCache.removeAll(keepingCapacity: true)
    }

    mutating func load(_ newWorld: CanvasWorld) {
        loadedWorld = newWorld
        reset()
    }

    mutating func reset() {
        world = loadedWorld
        clock = VirtualClock(start: loadedWorld.clock)
        throttle.reset()
        faults.reset()
        journal.clear()
        worldDidChange()
    }

    mutating func apply(_ change: CanvasWorldChange) throws(MockError) {
        try world.apply(change, now: clock.now)
        worldDidChange()
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

import KitPrimitives

/// Everything a mock platform knows, kept behind the one lock of its ``MockPlatformServer``: the
/// world (and the one last loaded, for `reset`), the virtual clock, the platform's runtime state,
/// the fault schedule and the request journal.
public struct MockPlatformState<Platform: MockPlatform>: Sendable {
    /// The world as last loaded; `reset` returns to it.
    public private(set) var loadedWorld: Platform.World
    /// The current world.
    public private(set) var world: Platform.World
    /// The virtual clock.
    public private(set) var clock: VirtualClock
    /// Indexes, caches and rate-limit counters the platform keeps.
    public var runtime: Platform.Runtime
    /// The installed fault rules and their counters.
    public internal(set) var faults: FaultSchedule<Platform.World.Change>
    /// What reached the platform.
    public internal(set) var journal: RequestJournal

    /// A state holding `world` (normalized by the caller), its clock at the world's start.
    public init(world: Platform.World, seed: UInt64, journalCapacity: Int) {
        loadedWorld = world
        self.world = world
        clock = VirtualClock(start: world.clock)
        runtime = Platform.Runtime(world: world)
        faults = FaultSchedule(seed: seed)
        journal = RequestJournal(capacity: journalCapacity)
    }

    /// Applies a world change at the current virtual time; the world is unchanged when it fails.
    public mutating func apply(_ change: Platform.World.Change) throws(MockError) {
        try world.apply(change, now: clock.now)
        worldDidChange()
    }

    /// Carries out a control command; the world is unchanged when it fails.
    mutating func perform(_ command: MockControlCommand<Platform>) throws(MockError) {
        switch command {
        case .change(let change): try apply(change)
        case .setting(let setting):
            world.apply(setting)
            worldDidChange()
        case .loadWorld(var newWorld):
            newWorld.normalize()
            loadedWorld = newWorld
            reset()
        case .reset: reset()
        case .setClock(let instant):
            try clock.set(instant)
            worldDidChange()
        case .advanceClock(let seconds):
            try advanceClock(by: .nanoseconds(Int64((seconds * 1e9).rounded())))
        case .installFaults(let rules): try faults.install(rules)
        case .clearFaults: faults.clear()
        case .suspendFaults: faults.suspend(true)
        case .resumeFaults: faults.suspend(false)
        case .clearJournal: journal.clear()
        }
    }

    /// Advances the virtual clock.
    mutating func advanceClock(by duration: Duration) throws(MockError) {
        try clock.advance(by: duration)
        worldDidChange()
    }

    /// Call after any change to the world or the clock: the runtime rebuilds indexes, drops caches.
    mutating func worldDidChange() {
        runtime.worldDidChange(world)
    }

    /// Returns to the last loaded world and its clock; clears faults, journal and runtime state.
    mutating func reset() {
        world = loadedWorld
        clock = VirtualClock(start: loadedWorld.clock)
        runtime = Platform.Runtime(world: world)
        faults.reset()
        journal.clear()
    }
}

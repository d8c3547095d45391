import MockCanvas

/// What the runner knows about one scenario run, handed to the ``ImplementationProvider``.
public struct ScenarioContext: Sendable {
    /// The scenario being run.
    public let scenario: Scenario
    /// Its seed, derived from the run seed and the scenario id (and the platform, off Canvas).
    public let seed: UInt64
    /// The simulated platform the implementation talks to (its `now` is the virtual clock).
    public let platform: SimulatedPlatform
    /// The served mock's base URL (`$canvas`, `$platform`).
    public let canvasOrigin: String
    /// The second mock's base URL (`$other_origin`), when the scenario uses one.
    public let otherOrigin: String?
    /// Put in front of owners and source names when the implementation is shared (empty otherwise).
    public let isolationPrefix: String

    /// A context on any simulated platform.
    public init(
        scenario: Scenario, seed: UInt64, platform: SimulatedPlatform, origin: String, otherOrigin: String?, isolationPrefix: String
    ) {
        self.scenario = scenario
        self.seed = seed
        self.platform = platform
        self.canvasOrigin = origin
        self.otherOrigin = otherOrigin
        self.isolationPrefix = isolationPrefix
    }

    /// A context on a mock Canvas.
    public init(scenario: Scenario, seed: UInt64, canvas: MockCanvas, canvasOrigin: String, otherOrigin: String?, isolationPrefix: String) {
        self.init(
            scenario: scenario, seed: seed, platform: SimulatedPlatform(serving: canvas), origin: canvasOrigin, otherOrigin: otherOrigin,
            isolationPrefix: isolationPrefix)
    }

    /// The mock Canvas: on Canvas the served mock; on GitHub Classroom the unserved Canvas shadow on
    /// the same clock (see ``SimulatedPlatform/canvas``). Prefer ``platform``.
    public var canvas: MockCanvas { platform.canvas }

    /// The platform's source type and short name.
    public var sourcePlatform: SourcePlatform { platform.kind }

    /// The served mock's base URL (the same as ``canvasOrigin``).
    public var origin: String { canvasOrigin }
}

/// Supplies the implementation under test for each scenario: a fresh one per scenario (the
/// in-process reference, on the scenario's virtual clock) or one shared by all (a server over HTTP).
public protocol ImplementationProvider: Sendable {
    /// A label for reports.
    var label: String { get }
    /// Whether one implementation serves every scenario; the runner then isolates scenarios with a
    /// run-unique prefix on owners and source names.
    var isShared: Bool { get }
    /// Runs `body` with the implementation for `context`, cleaning up afterwards.
    func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result
}

/// One implementation for every scenario (e.g. `HTTPImplementation` pointed at a server); its
/// owner manages its lifetime.
public struct SharedImplementationProvider: ImplementationProvider {
    public let implementation: any ImplementationUnderTest

    public init(_ implementation: any ImplementationUnderTest) {
        self.implementation = implementation
    }

    public var label: String { implementation.label }
    public var isShared: Bool { true }

    public func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        try await body(implementation)
    }
}

/// An implementation made by a factory for each scenario (no cleanup needed).
public struct FactoryImplementationProvider: ImplementationProvider {
    public let label: String
    public let isShared: Bool
    let make: @Sendable (ScenarioContext) async throws -> any ImplementationUnderTest

    /// - Parameters:
    ///   - label: For reports.
    ///   - isShared: Whether the factory hands out the same implementation each time.
    ///   - make: Makes the implementation for a scenario.
    public init(label: String, isShared: Bool = false, make: @escaping @Sendable (ScenarioContext) async throws -> any ImplementationUnderTest) {
        self.label = label
        self.isShared = isShared
        self.make = make
    }

    public func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        try await body(try await make(context))
    }
}

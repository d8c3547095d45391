import KitPrimitives
import Logging
import NIOCore
import Synchronization

/// A deterministic mock of one platform, served over HTTP: the machinery every mock platform shares.
///
/// It holds the platform's state behind one lock and answers requests on a virtual clock only its
/// controller moves, with injected faults at the HTTP and transport layers, a journal of every API
/// request, a readiness signal (``waitForRequest(_:)``) and the `/__mock/` control API. The
/// platform (``MockPlatform``) supplies the routes and the bodies its faults send. The same seed and
/// the same sequence of requests and control calls give byte-identical responses.
///
/// ```swift
/// let world = try CanvasWorld.load(contentsOf: "Scenarios/worlds/basic.yaml")
/// try await MockPlatformServer<CanvasPlatform>.withRunning(world: world, seed: 42) { mock, address in
///     // point a client at address.origin, then inspect mock.journal()
/// }
/// ```
public final class MockPlatformServer<Platform: MockPlatform>: Sendable {
    /// The one lock around everything the mock knows (read through ``read(_:)``).
    private let state: Mutex<MockPlatformState<Platform>>
    private let arrivals = ArrivalSignal()
    /// The seed fault probabilities derive from.
    public let seed: UInt64

    /// Creates a mock holding `world`.
    ///
    /// - Parameters:
    ///   - world: The starting world (its `clock` starts the virtual clock).
    ///   - seed: The run seed (fault rules draw from generators derived from it).
    ///   - journalCapacity: The most journal entries kept.
    public init(world: Platform.World = Platform.World(), seed: UInt64 = 0, journalCapacity: Int = 100_000) {
        var normalized = world
        normalized.normalize()
        self.seed = seed
        state = Mutex(MockPlatformState(world: normalized, seed: seed, journalCapacity: journalCapacity))
    }

    // MARK: - Inspection

    /// The current world.
    public var world: Platform.World { state.withLock { $0.world } }

    /// The current virtual time.
    public var now: Timestamp { state.withLock { $0.clock.now } }

    /// Journal entries after sequence number `sequence` (all by default).
    public func journal(after sequence: Int = 0) -> [JournalEntry] {
        state.withLock { Array($0.journal.entries(after: sequence)) }
    }

    /// The sequence number the next request will get (use it to slice the journal).
    public var nextJournalSequence: Int { state.withLock { $0.journal.nextSequence } }

    /// The installed fault rules with their counters.
    public var faultRules: [FaultSchedule<Platform.World.Change>.Installed] { state.withLock { $0.faults.rules } }

    /// Reads the state under the lock (for platform oracles such as `assignmentsVisible(to:)`).
    public func read<T>(_ body: (MockPlatformState<Platform>) -> T) -> T {
        state.withLock { body($0) }
    }

    // MARK: - Control

    /// Carries out a control command; the world is unchanged when it fails.
    public func perform(_ command: MockControlCommand<Platform>) throws(MockError) {
        try state.withLock { (state: inout MockPlatformState<Platform>) throws(MockError) in try state.perform(command) }
    }

    /// Applies a world change.
    public func apply(_ change: Platform.World.Change) throws(MockError) { try perform(.change(change)) }

    /// Advances the virtual clock.
    public func advanceClock(by duration: Duration) throws(MockError) {
        try state.withLock { (state: inout MockPlatformState<Platform>) throws(MockError) in try state.advanceClock(by: duration) }
    }

    /// Installs fault rules.
    public func installFaults(_ rules: [FaultRule<Platform.World.Change>]) throws(MockError) { try perform(.installFaults(rules)) }

    // MARK: - Requests

    /// Decides the response to one request (control requests under `/__mock/` included).
    public func handle(_ request: MockRequest) -> ResponsePlan {
        if request.path == "/__mock" || request.path.hasPrefix("/__mock/") {
            return ResponsePlan(admin(request))
        }
        let (plan, recorded) = state.withLock { state in
            (Self.handleAPI(request, state: &state), state.journal.nextSequence - 1)
        }
        arrivals.reached(recorded)
        return plan
    }

    /// Returns once the journal has recorded request number `sequence` (a readiness signal for tests
    /// and scenario steps: "the platform has seen the request", without polling or sleeping).
    public func waitForRequest(_ sequence: Int) async {
        let seen = state.withLock { $0.journal.nextSequence - 1 }
        await arrivals.wait(for: sequence, seen: seen)
    }
}

extension MockPlatformServer: HTTPResponder {
    public func respond(to request: MockRequest) async -> ResponsePlan { handle(request) }
}

extension MockPlatformServer {
    /// Serves the mock over HTTP until the task is cancelled.
    public func run(
        configuration: HTTPServerConfiguration = .init(), logger: Logger = Logger(label: "mock-" + Platform.name),
        onReady: @Sendable (BoundAddress) -> Void = { _ in }
    ) async throws {
        try await HTTPServer(configuration: configuration, responder: self, logger: logger).run(onReady: onReady)
    }

    /// Runs a mock on loopback for the duration of `body`.
    public static func withRunning<Result: Sendable>(
        world: Platform.World = Platform.World(), seed: UInt64 = 0, configuration: HTTPServerConfiguration = .init(),
        _ body: (MockPlatformServer, BoundAddress) async throws -> Result
    ) async throws -> Result {
        let mock = MockPlatformServer(world: world, seed: seed)
        return try await mock.withServer(configuration: configuration) { address in try await body(mock, address) }
    }

    /// Serves this mock on loopback for the duration of `body`.
    public func withServer<Result: Sendable>(
        configuration: HTTPServerConfiguration = .init(), _ body: (BoundAddress) async throws -> Result
    ) async throws -> Result {
        try await withHTTPServer(configuration: configuration, responder: self, logger: Logger(label: "mock-" + Platform.name), body)
    }
}

import KitPrimitives
import Logging
import MockServerCore
import NIOCore
import Synchronization

/// A deterministic, Canvas-faithful mock Canvas LMS.
///
/// It answers the Canvas REST surface a sync client needs (`users/self`, `courses`, assignments,
/// with Canvas's auth errors, pagination and throttle), on a virtual clock only its controller
/// moves, with injected faults at the HTTP and transport layers and a journal of every request.
/// The same seed and the same sequence of requests and control calls give byte-identical responses.
///
/// ```swift
/// let world = try CanvasWorld.load(contentsOf: "Scenarios/worlds/basic.yaml")
/// try await MockCanvas.withRunning(world: world, seed: 42) { canvas, address in
///     // point a client at address.origin, then inspect canvas.journal()
/// }
/// ```
public final class MockCanvas: Sendable {
    private let state: Mutex<CanvasState>
    private let arrivals = ArrivalSignal()
    /// The seed fault probabilities derive from.
    public let seed: UInt64

    /// Creates a mock holding `world`.
    ///
    /// - Parameters:
    ///   - world: The starting world (its `clock` starts the virtual clock).
    ///   - seed: The run seed (fault rules draw from generators derived from it).
    ///   - journalCapacity: The most journal entries kept.
    public init(world: CanvasWorld = CanvasWorld(), seed: UInt64 = 0, journalCapacity: Int = 100_000) {
        var normalized = world
        normalized.normalize()
        self.seed = seed
        state = Mutex(CanvasState(world: normalized, seed: seed, journalCapacity: journalCapacity))
    }

    // MARK: - Inspection

    /// The current world.
    public var world: CanvasWorld { state.withLock { $0.world } }

    /// The current virtual time.
    public var now: Timestamp { state.withLock { $0.clock.now } }

    /// Journal entries after sequence number `sequence` (all by default).
    public func journal(after sequence: Int = 0) -> [JournalEntry] {
        state.withLock { Array($0.journal.entries(after: sequence)) }
    }

    /// The sequence number the next request will get (use it to slice the journal).
    public var nextJournalSequence: Int { state.withLock { $0.journal.nextSequence } }

    /// What a sync client holding `token` would fetch now (see ``CanvasWorld/assignmentsVisible(to:at:)``):
    /// the platform oracle the kit's model uses. Not journaled; nil for an unusable token.
    public func assignmentsVisible(to token: String) -> [(courseID: Int64, assignment: CanvasAssignment)]? {
        state.withLock { $0.world.assignmentsVisible(to: token, at: $0.clock.now) }
    }

    /// The installed fault rules with their counters.
    public var faultRules: [FaultSchedule<CanvasWorldChange>.Installed] { state.withLock { $0.faults.rules } }

    /// Reads the state under the lock.
    func read<T>(_ body: (CanvasState) -> T) -> T {
        state.withLock { body($0) }
    }

    // MARK: - Control

    /// Carries out a control command; the world is unchanged when it fails.
    public func perform(_ command: MockCanvasCommand) throws(MockError) {
        try state.withLock { (state: inout CanvasState) throws(MockError) in
            switch command {
            case .change(let change): try state.apply(change)
            case .loadWorld(var world):
                world.normalize()
                state.load(world)
            case .reset: state.reset()
            case .setClock(let instant):
                try state.clock.set(instant)
                state.worldDidChange()
            case .advanceClock(let seconds):
                try state.clock.advance(by: .nanoseconds(Int64((seconds * 1e9).rounded())))
                state.worldDidChange()
            case .setRateLimit(let limit): state.world.rateLimit = limit
            case .installFaults(let rules): try state.faults.install(rules)
            case .clearFaults: state.faults.clear()
            case .clearJournal: state.journal.clear()
            }
        }
    }

    /// Applies a world change.
    public func apply(_ change: CanvasWorldChange) throws(MockError) { try perform(.change(change)) }

    /// Advances the virtual clock.
    public func advanceClock(by duration: Duration) throws(MockError) {
        try state.withLock { (state: inout CanvasState) throws(MockError) in
            try state.clock.advance(by: duration)
            state.worldDidChange()
        }
    }

    /// Installs fault rules.
    public func installFaults(_ rules: [FaultRule<CanvasWorldChange>]) throws(MockError) { try perform(.installFaults(rules)) }

    // MARK: - Requests

    /// Decides the response to one request (admin requests under `/__mock/` included).
    public func handle(_ request: MockRequest) -> ResponsePlan {
        if request.path == "/__mock" || request.path.hasPrefix("/__mock/") {
            return ResponsePlan(admin(request))
        }
        let (plan, recorded) = state.withLock { state in
            (handleAPI(request, state: &state), state.journal.nextSequence - 1)
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

extension MockCanvas: HTTPResponder {
    public func respond(to request: MockRequest) async -> ResponsePlan { handle(request) }
}

extension MockCanvas {
    /// Serves the mock over HTTP until the task is cancelled.
    public func run(
        configuration: HTTPServerConfiguration = .init(), logger: Logger = Logger(label: "mock-canvas"),
        onReady: @Sendable (BoundAddress) -> Void = { _ in }
    ) async throws {
        try await HTTPServer(configuration: configuration, responder: self, logger: logger).run(onReady: onReady)
    }

    /// Runs a mock Canvas on loopback for the duration of `body`.
    public static func withRunning<Result: Sendable>(
        world: CanvasWorld = CanvasWorld(), seed: UInt64 = 0, configuration: HTTPServerConfiguration = .init(),
        _ body: (MockCanvas, BoundAddress) async throws -> Result
    ) async throws -> Result {
        let canvas = MockCanvas(world: world, seed: seed)
        return try await canvas.withServer(configuration: configuration) { address in try await body(canvas, address) }
    }

    /// Serves this mock on loopback for the duration of `body`.
    public func withServer<Result: Sendable>(
        configuration: HTTPServerConfiguration = .init(), _ body: (BoundAddress) async throws -> Result
    ) async throws -> Result {
        try await withHTTPServer(configuration: configuration, responder: self, logger: Logger(label: "mock-canvas"), body)
    }
}

/// Wakes tasks waiting for the journal to reach a sequence number.
final class ArrivalSignal: Sendable {
    private struct State {
        var reached = 0
        var waiters: [(sequence: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }
    private let state = Mutex(State())

    func reached(_ sequence: Int) {
        let ready = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.reached = max(s.reached, sequence)
            let due = s.waiters.filter { $0.sequence <= s.reached }.map(\.continuation)
            s.waiters.removeAll { $0.sequence <= s.reached }
            return due
        }
        for continuation in ready { continuation.resume() }
    }

    func wait(for sequence: Int, seen: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                s.reached = max(s.reached, seen)
                guard s.reached < sequence else { return true }
                s.waiters.append((sequence, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}

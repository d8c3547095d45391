import ConformanceKit
import ReferenceHarness
import ConceptValues
import ExternalAssignmentSync
import Foundation
import Glibc
import KitTestSupport
import KitPrimitives
import Logging
import MockCanvas
import MockServerCore
import Synchronization
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Fixtures shared by the HTTP adapter and `serve` tests.
enum HTTPFixtures {
    static let packageRoot: String = PackageRoot.path

    /// `Scenarios/worlds/basic.yaml`: Alice (tok-alice valid, tok-old expired, tok-gone revoked).
    static func basicWorld() throws -> CanvasWorld {
        try CanvasWorld.load(contentsOf: packageRoot + "/Scenarios/worlds/basic.yaml")
    }

    static let quietLogger = Logger(label: "http-tests") { _ in SwiftLogNoOpLogHandler() }

    /// Reference options for tests: the mock's virtual clock, sequential ids, generous platform
    /// timeouts (the tests' stalls are bounded, see ``StallPolicy``).
    static func referenceOptions(clock canvas: MockCanvas) -> ReferenceImplementation.Options {
        var options = ReferenceScenarioProvider.simulationOptions()
        options.canvas.maxConcurrentCourses = ReferenceImplementation.Options().canvas.maxConcurrentCourses
        options.wallTime = { canvas.now }
        options.idGenerator = SequentialSourceAccountIDGenerator()
        options.logger = quietLogger
        return options
    }

    /// The adapter's per-call timeout on success paths: far beyond any healthy answer on a busy machine.
    static let healthyCallTimeout: Duration = .seconds(60)

    /// An adapter configuration with a generous timeout (success paths on a busy machine).
    static func configuration(_ baseURL: String, profile: WireProfile = .strict, timeout: Duration = healthyCallTimeout) -> HTTPImplementation.Configuration {
        var configuration = HTTPImplementation.Configuration(baseURL: baseURL, profile: profile)
        configuration.timeout = timeout
        configuration.logger = quietLogger
        return configuration
    }

    static func details(_ token: String, _ origin: String) -> ConnectionDetails {
        ConnectionDetails(apiToken: token, baseUrl: origin)
    }

    /// Parses an RFC 3339 literal; a typo in the test records an issue (and gives the epoch) instead of crashing.
    static func timestamp(_ text: String) -> Timestamp {
        guard let parsed = Timestamp.parse(text) else {
            Issue.record("bad test timestamp \(text)")
            return Timestamp(seconds: 0)
        }
        return parsed
    }
}

/// A concept server that answers from a closure, recording what it was sent.
struct FakeConceptServer: HTTPResponder {
    let handler: @Sendable (MockRequest) async -> ResponsePlan
    let received = ReceivedRequests()

    func respond(to request: MockRequest) async -> ResponsePlan {
        received.append(request)
        return await handler(request)
    }
}

/// Requests a fake server received, in order.
final class ReceivedRequests: Sendable {
    private let requests = Mutex<[MockRequest]>([])
    func append(_ request: MockRequest) { requests.withLock { $0.append(request) } }
    var all: [MockRequest] { requests.withLock { $0 } }
}

/// Runs `body` with a fake concept server on loopback; `body` gets the server and its base URL (`…/api`).
func withFakeConceptServer<Result: Sendable>(
    _ handler: @escaping @Sendable (MockRequest) async -> ResponsePlan,
    _ body: (FakeConceptServer, String) async throws -> Result
) async throws -> Result {
    let server = FakeConceptServer(handler: handler)
    var configuration = HTTPServerConfiguration()
    configuration.idleTimeout = .seconds(30)
    return try await withHTTPServer(configuration: configuration, responder: server, logger: HTTPFixtures.quietLogger) { address in
        try await body(server, address.origin + "/api")
    }
}

/// A fake server that answers every request with `plan`.
func withFakeConceptServer<Result: Sendable>(
    answering plan: ResponsePlan, _ body: (String) async throws -> Result
) async throws -> Result {
    try await withFakeConceptServer({ _ in plan }) { _, base in try await body(base) }
}

/// A base URL on a loopback port that refuses connections while `body` runs: the port is bound
/// but never listened on, so no other server (a test running beside this one) can take it.
func withRefusedBaseURL<Result>(_ body: (String) async throws -> Result) async throws -> Result {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(socket >= 0, "socket(): errno \(errno)")
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
    }
    try #require(bound, "bind(127.0.0.1:0): errno \(errno)")
    return try await body("http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/api")
}

/// A mock Canvas (basic world), the reference served over HTTP in front of it, and a strict adapter.
func withServedReference<Result: Sendable>(
    profile: WireProfile = .strict,
    _ body: (HTTPImplementation, MockCanvas, String) async throws -> Result
) async throws -> Result {
    try await MockCanvas.withRunning(world: try HTTPFixtures.basicWorld(), seed: 5) { canvas, canvasAddress in
        try await withReferenceServer(options: HTTPFixtures.referenceOptions(clock: canvas), logger: HTTPFixtures.quietLogger) { served in
            try await HTTPImplementation.withImplementation(HTTPFixtures.configuration(served.baseURL, profile: profile)) { sut in
                try await body(sut, canvas, canvasAddress.origin)
            }
        }
    }
}

extension Result where Success == ConceptResult, Failure == HarnessError {
    /// The result, or nil on a harness error.
    var value: ConceptResult? { try? get() }
    /// The harness error, or nil.
    var harnessError: HarnessError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// Plans handed out in order (the last one repeats; no plans at all answers a 500, never a crash).
final class PlanSequence: Sendable {
    private let plans: Mutex<[ResponsePlan]>
    init(_ plans: [ResponsePlan]) { self.plans = Mutex(plans) }
    func next() -> ResponsePlan {
        plans.withLock { plans -> ResponsePlan in
            if plans.count > 1 { return plans.removeFirst() }
            return plans.first ?? ResponsePlan(.text(500, "PlanSequence was given no plans"))
        }
    }
}

/// Log records kept in memory, for checking what a component logs.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }

    /// A logger at trace level that writes here (message and metadata).
    func logger(label: String = "captured") -> Logger {
        var logger = Logger(label: label) { _ in CapturingLogHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingLogHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        log.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
    }
}

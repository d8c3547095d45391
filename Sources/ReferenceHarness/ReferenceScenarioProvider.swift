import ConformanceKit
import ExternalAssignmentSync
import Logging
import MockCanvas
import WireAdapter
import MutantGallery

/// A fresh in-process reference for each scenario, on the scenario's virtual clock, with sequential
/// ids: the same seed gives the same history.
///
/// The connector is set for simulation: one course at a time (so the request journal's order is
/// deterministic) and no real-time pacing as the rate-limit bucket empties (the bucket only leaks as
/// the virtual clock moves, so pausing would only waste time). Its timeouts stay generous
/// (``healthyTimeout`` per request): the runs that use it bound their injected stalls
/// (``StallPolicy/bounded``), so no answer of a healthy platform, however busy the machine, is
/// ever taken for a timeout.
public struct ReferenceScenarioProvider: ImplementationProvider {
    public let label: String
    /// Adjusts the reference's options after the defaults above are set.
    let configure: @Sendable (inout ReferenceImplementation.Options) -> Void

    public init(label: String = "reference (in-process)", configure: @escaping @Sendable (inout ReferenceImplementation.Options) -> Void = { _ in }) {
        self.label = label
        self.configure = configure
    }

    public var isShared: Bool { false }

    /// The in-process reference's timeout for one platform request: far beyond any healthy answer
    /// on a loaded machine; only a stall could reach it, and embedded runs bound their stalls.
    public static let healthyTimeout: Duration = StallPolicy.healthyPlatformTimeout

    /// The options for a scenario: its virtual clock, sequential ids, simulation-friendly connector settings.
    public static func options(for context: ScenarioContext) -> ReferenceImplementation.Options {
        var options = simulationOptions()
        let platform = context.platform
        options.wallTime = { platform.now }
        options.idGenerator = SequentialSourceAccountIDGenerator(prefix: "source-")
        return options
    }

    /// The simulation-friendly settings without a clock or ids (the reference's own): one course at
    /// a time, no pacing, ``healthyTimeout`` everywhere, no log output. Tests that serve the
    /// reference start from these.
    public static func simulationOptions() -> ReferenceImplementation.Options {
        var options = ReferenceImplementation.Options()
        options.canvas.maxConcurrentCourses = 1
        options.canvas.maxSlowdownPause = .zero
        options.canvas.requestTimeout = healthyTimeout
        options.canvas.totalTimeout = healthyTimeout * 4
        options.gitHubClassroom.requestTimeout = healthyTimeout
        options.gitHubClassroom.totalTimeout = healthyTimeout * 4
        options.connectTimeout = healthyTimeout
        options.readTimeout = healthyTimeout
        options.logger = Logger(label: "reference") { _ in SwiftLogNoOpLogHandler() }
        return options
    }

    public func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        var options = Self.options(for: context)
        configure(&options)
        let label = self.label
        return try await ReferenceImplementation.withService(options) { service in
            try await body(InProcessImplementation(service: service, label: label))
        }
    }
}

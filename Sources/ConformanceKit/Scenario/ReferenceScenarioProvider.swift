import ExternalAssignmentSync
import Logging
import MockCanvas

/// A fresh in-process reference for each scenario, on the scenario's virtual clock, with sequential
/// ids: the same seed gives the same history.
///
/// The connector is set for simulation: one course at a time (so the request journal's order is
/// deterministic), no real-time pacing as the rate-limit bucket empties (the bucket only leaks as
/// the virtual clock moves, so pausing would only waste time), and short timeouts (a stalled
/// connection costs two seconds, not thirty).
public struct ReferenceScenarioProvider: ImplementationProvider {
    public let label: String
    /// Adjusts the reference's options after the defaults above are set.
    let configure: @Sendable (inout ReferenceImplementation.Options) -> Void

    public init(label: String = "reference (in-process)", configure: @escaping @Sendable (inout ReferenceImplementation.Options) -> Void = { _ in }) {
        self.label = label
        self.configure = configure
    }

    public var isShared: Bool { false }

    /// The options for a scenario: its virtual clock, sequential ids, simulation-friendly connector settings.
    public static func options(for context: ScenarioContext) -> ReferenceImplementation.Options {
        var options = ReferenceImplementation.Options()
        let platform = context.platform
        options.wallTime = { platform.now }
        options.idGenerator = SequentialSourceAccountIDGenerator(prefix: "source-")
        options.canvas.maxConcurrentCourses = 1
        options.canvas.maxSlowdownPause = .zero
        options.canvas.requestTimeout = .seconds(2)
        options.canvas.totalTimeout = .seconds(10)
        options.gitHubClassroom.requestTimeout = .seconds(2)
        options.gitHubClassroom.totalTimeout = .seconds(10)
        options.connectTimeout = .seconds(2)
        options.readTimeout = .seconds(2)
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

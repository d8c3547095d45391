import ConformanceKit
/// Scenarios run against an implementation over HTTP: one server shared by every scenario (the
/// runner isolates scenarios with a run-unique prefix on owners and source names). Each scenario gets
/// an ``HTTPImplementation`` with its own HTTP client, shut down when the scenario ends.
public struct HTTPImplementationProvider: ImplementationProvider {
    public let configuration: HTTPImplementation.Configuration

    public init(configuration: HTTPImplementation.Configuration) {
        self.configuration = configuration
    }

    public var label: String { configuration.effectiveLabel }
    public var isShared: Bool { true }

    public func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        try await HTTPImplementation.withImplementation(configuration) { try await body($0) }
    }
}

extension MatchPolicy {
    /// The matching policy for a wire profile.
    public static func forProfile(_ profile: WireProfile) -> MatchPolicy {
        profile == .compat6104 ? .compat6104 : .strictHTTP
    }
}

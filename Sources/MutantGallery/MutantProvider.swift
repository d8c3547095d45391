import AsyncHTTPClient
import ConformanceKit
import PropertyChecker

/// A fresh ``MutantImplementation`` for each case or scenario, on its virtual clock, with its own
/// HTTP client (shut down afterwards).
///
/// ```swift
/// let run = await Checker(configuration: configuration, provider: MutantProvider(.onlyFirstPage)).run()
/// assert(!run.passed)
/// ```
public struct MutantProvider: ImplementationProvider {
    public let bug: MutantBug

    public init(_ bug: MutantBug) {
        self.bug = bug
    }

    public var label: String { "mutant (\(bug))" }
    public var isShared: Bool { false }

    public func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        let http = MutantImplementation.makeHTTPClient(platformTimeout: StallPolicy.healthyPlatformTimeout)
        let platform = context.platform
        let implementation = MutantImplementation(
            bug: bug, http: http, wallTime: { platform.now }, platformTimeout: StallPolicy.healthyPlatformTimeout)
        do {
            let result = try await body(implementation)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}

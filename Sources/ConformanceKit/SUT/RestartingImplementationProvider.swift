import KitPrimitives

/// Makes the implementations of another provider restartable with a ``RestartHook``: after the hook
/// ran, the implementation is asked a harmless query until it answers (stale keep-alive connections
/// and a server still coming up are absorbed here), then the checker compares its state with the model.
///
/// ```swift
/// // conformance run --sut URL --sut-restart-cmd 'COMMAND'
/// let http = HTTPImplementationProvider(configuration: .init(baseURL: url))
/// let provider = RestartingImplementationProvider(base: http, hook: ShellRestartHook(command))
/// ```
public struct RestartingImplementationProvider: ImplementationProvider {
    /// Where the implementations come from.
    public let base: any ImplementationProvider
    /// What restarts them.
    public let hook: any RestartHook
    /// How long the implementation may take to answer again after the hook returned.
    public var readyTimeout: Duration

    public init(base: any ImplementationProvider, hook: any RestartHook, readyTimeout: Duration = .seconds(30)) {
        self.base = base
        self.hook = hook
        self.readyTimeout = readyTimeout
    }

    public var label: String { base.label }
    public var isShared: Bool { base.isShared }

    public func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        let hook = self.hook
        let readyTimeout = self.readyTimeout
        return try await base.withImplementation(for: context) { implementation in
            try await body(HookedImplementation(base: implementation, hook: hook, readyTimeout: readyTimeout))
        }
    }
}

/// An implementation restarted by a hook.
package struct HookedImplementation: RestartableImplementation {
    package let base: any ImplementationUnderTest
    package let hook: any RestartHook
    package let readyTimeout: Duration

    package var label: String { base.label }

    package func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        await base.perform(call)
    }

    package func restart() async -> Result<Void, HarnessError> {
        do {
            try await hook.restart()
        } catch {
            return .failure(error)
        }
        return await waitUntilAnswering()
    }

    package func waitUntilAnswering() async -> Result<Void, HarnessError> {
        await RestartingImplementationProvider.waitUntilAnswering(base, within: readyTimeout)
    }
}

extension RestartingImplementationProvider {
    /// The user the readiness query asks about (a query: it changes nothing).
    public static let probeUser = "conformance-restart-probe"

    /// Asks `implementation` `_getSourcesForUser` until an answer comes, backing off from 10 ms to
    /// 250 ms between tries (real time: a real process is coming up), for at most `timeout`.
    /// - Returns: Success, or ``HarnessError/Code/restartFailed`` with the last harness error.
    public static func waitUntilAnswering(_ implementation: any ImplementationUnderTest, within timeout: Duration) async -> Result<Void, HarnessError> {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var pause = Duration.milliseconds(10)
        while true {
            switch await implementation.perform(.getSourcesForUser(user: probeUser)) {
            case .success:
                return .success(())
            case .failure(let error):
                guard clock.now.advanced(by: pause) < deadline else {
                    return .failure(HarnessError(.restartFailed, "no answer within \(timeout) after the restart: \(error)"))
                }
                try? await Task.sleep(for: pause, clock: clock)
                pause = min(pause * 2, .milliseconds(250))
            }
        }
    }
}

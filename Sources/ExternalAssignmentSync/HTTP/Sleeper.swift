/// Something that waits: the connector's only notion of time passing (rate-limit pauses, backoff).
///
/// Injected so tests run without real waiting and can see every pause asked for.
public protocol Sleeper: Sendable {
    /// Waits for `duration` (or until the task is cancelled).
    func sleep(for duration: Duration) async throws
}

/// Waits on the continuous clock.
public struct ContinuousSleeper: Sleeper {
    public init() {}
    public func sleep(for duration: Duration) async throws {
        try await ContinuousClock().sleep(for: duration)
    }
}

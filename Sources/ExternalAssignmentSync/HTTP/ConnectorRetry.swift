import Logging
import NIOCore

/// One failed platform request: the spec error it maps to, and how long the platform asked the
/// client to wait before trying again (`Retry-After`, or a platform's documented minimum).
struct ConnectorFailure: Error {
    var error: SyncError
    var retryAfter: Duration?
}

/// The retry loop every HTTP connector shares (``ConnectorRetryPolicy``).
enum ConnectorRetry {
    /// Runs `attempt`, retrying transient failures (`NetworkError`, `ApiRateLimitError`) as `policy`
    /// allows, waiting `max(backoff, retryAfter)` on `sleeper` between attempts.
    ///
    /// - Parameters:
    ///   - policy: The retry policy; nil runs `attempt` once.
    ///   - sleeper: Where the waits happen (injected, so tests never really wait).
    ///   - latestWake: When set, a wait that would end after it is not started: the failure is
    ///     reported at once instead of after a wait that cannot help.
    ///   - logger: Where each retry is logged (code and wait; never a URL's query or a token).
    ///   - platform: The platform's name, for the log line.
    ///   - attempt: One try.
    /// - Returns: The first successful attempt's value.
    /// - Throws: The last failure's error, or `NetworkError` when a wait was cancelled.
    static func run<T>(
        policy: ConnectorRetryPolicy?,
        sleeper: any Sleeper,
        latestWake: NIODeadline? = nil,
        logger: Logger,
        platform: String,
        _ attempt: () async throws(ConnectorFailure) -> T
    ) async throws(SyncError) -> T {
        var number = 1
        var backoff = policy?.initialBackoff ?? .zero
        while true {
            do {
                return try await attempt()
            } catch let failure {
                guard let policy, number < policy.maxAttempts,
                    failure.error.code == .networkError || failure.error.code == .apiRateLimitError
                else { throw failure.error }
                let wait = max(backoff, failure.retryAfter ?? .zero)
                if let latestWake, .now() + TimeAmount(wait) > latestWake { throw failure.error }
                logger.debug(
                    "retrying \(platform) request",
                    metadata: ["attempt": "\(number)", "code": "\(failure.error.code)", "wait": "\(wait)"])
                try await pause(wait, on: sleeper)
                number += 1
                backoff *= 2
            }
        }
    }

    /// Waits `duration` on `sleeper`; a cancelled wait is a `NetworkError`.
    static func pause(_ duration: Duration, on sleeper: any Sleeper) async throws(SyncError) {
        guard duration > .zero else { return }
        do {
            try await sleeper.sleep(for: duration)
        } catch {
            throw SyncError(code: .networkError, message: "the call was cancelled")
        }
    }
}

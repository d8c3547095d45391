/// A bounded retry of transient platform failures (`NetworkError`, `ApiRateLimitError`), with
/// exponential backoff on the connector's ``Sleeper``.
///
/// Connectors take it as an optional: nil (their default) keeps the reference spec-literal, so a
/// failure is reported, not hidden.
///
/// ```swift
/// var configuration = GitHubClassroomConnector.Configuration()
/// configuration.retry = ConnectorRetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(200))
/// ```
public struct ConnectorRetryPolicy: Sendable, Hashable {
    /// Attempts in all, including the first.
    public var maxAttempts: Int
    /// The first backoff; it doubles each time (a `Retry-After` header wins when longer).
    public var initialBackoff: Duration

    /// Creates a policy.
    /// - Parameters:
    ///   - maxAttempts: Attempts in all, including the first.
    ///   - initialBackoff: The first backoff, doubled after each retry.
    public init(maxAttempts: Int = 3, initialBackoff: Duration = .milliseconds(200)) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
    }
}

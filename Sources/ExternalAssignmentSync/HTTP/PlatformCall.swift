import AsyncHTTPClient
import Logging
import NIOCore

/// Which action a platform request serves: `connectSource`'s validation, or a poll. The same
/// answer maps to different spec errors in each (interpretation 6, Scenarios/README.md).
enum PlatformPhase: Sendable {
    case connect, poll
}

/// The knobs every connector's configuration has: page size, the limits one call keeps to, and the
/// optional retry.
protocol PlatformConfiguration: Sendable {
    /// Page size asked for.
    var perPage: Int { get }
    /// The longest one request may take, from sending to the last body byte.
    var requestTimeout: Duration { get }
    /// The longest a whole validate or poll may take.
    var totalTimeout: Duration { get }
    /// The largest response body accepted.
    var maxBodyBytes: Int { get }
    /// The most pages followed for one list.
    var maxPages: Int { get }
    /// Retries of transient failures, or nil for none.
    var retry: ConnectorRetryPolicy? { get }
}

/// What every platform session holds for one validate or poll: the checked base URL, the phase, one
/// deadline for the whole call, the logger, and how it sends.
struct PlatformCall: Sendable {
    let base: PlatformBaseURL
    let phase: PlatformPhase
    let deadline: NIODeadline
    let logger: Logger
    let transport: PlatformTransport

    /// Checks `details` and starts the call's clock.
    /// - Parameters:
    ///   - details: Token and base URL; a malformed one throws (see ``checked(_:phase:)``).
    ///   - phase: The action the call serves.
    ///   - logger: The service's logger, with the action's metadata.
    ///   - client: The connector's HTTP client.
    ///   - headers: The platform's headers, the token's among them.
    ///   - configuration: The connector's limits.
    init(
        details: ConnectionDetails, phase: PlatformPhase, logger: Logger, client: HTTPClient,
        headers: [(name: String, value: String)], configuration: some PlatformConfiguration
    ) throws(SyncError) {
        base = try Self.checked(details, phase: phase)
        self.phase = phase
        self.logger = logger
        transport = PlatformTransport(
            client: client, headers: headers, requestTimeout: configuration.requestTimeout,
            totalTimeout: configuration.totalTimeout, maxBodyBytes: configuration.maxBodyBytes, maxPages: configuration.maxPages)
        deadline = .now() + TimeAmount(configuration.totalTimeout)
    }

    /// The base URL and token of `details`, or the error a malformed one gives (the details are
    /// invalid at connect; the source cannot reach its platform at poll).
    static func checked(_ details: ConnectionDetails, phase: PlatformPhase) throws(SyncError) -> PlatformBaseURL {
        let code: SyncError.Code = phase == .connect ? .invalidCredentialsError : .sourceConnectionError
        guard let base = PlatformBaseURL(details.baseUrl) else { throw SyncError(code: code, message: "baseUrl is not an absolute http(s) URL") }
        guard !details.apiToken.isEmpty else { throw SyncError(code: code, message: "apiToken is empty") }
        return base
    }
}

import Logging

/// The platform side of the concept for one `sourceType` (Canvas, GitHub Classroom).
///
/// The service registers one connector per `sourceType` and calls it outside any lock. A connector
/// holds no concept state; it receives the details with each call and must send the token only to
/// `details.baseUrl`'s origin (interpretation 7, Scenarios/README.md).
///
/// ## Error contract
/// - ``validate(_:logger:)`` throws `InvalidCredentialsError` (the details do not authenticate, or
///   the base URL answers but is not the platform) or `NetworkError` (transport failure, timeout, 5xx,
///   unparseable body, throttling). interpretation 6 (Scenarios/README.md).
/// - ``fetch(_:logger:)`` throws `SourceConnectionError` (401, or a base URL that is not the
///   platform), `ApiRateLimitError` (403/429 rate limit) or `NetworkError` (transport failure,
///   timeout, 5xx, truncated or malformed body). It returns every assignment the token can see, or
///   throws: never a partial list (interpretation 5).
///
/// ## Platforms with and without modification times
/// A platform that reports modification times (Canvas) returns
/// ``FetchedAssignments/timestamped(_:)``. One that reports none (GitHub Classroom) returns
/// ``FetchedAssignments/fingerprinted(_:)``, and the core stamps the items from the source's
/// ``FingerprintLedger``, so their timestamps survive restarts with the state; a connector never
/// stamps on its own.
///
/// The service maps any other code to the nearest allowed one (see ``SyncService``), and scrubs the
/// token from messages, but a connector should not rely on that.
public protocol SourceConnector: Sendable {
    /// Checks that `details` authenticate with the platform.
    /// - Parameters:
    ///   - details: Token and base URL to check.
    ///   - logger: The service's logger, with the action's metadata; never log the token.
    func validate(_ details: ConnectionDetails, logger: Logger) async throws(SyncError)

    /// Fetches every assignment visible with `details`, as the platform reports it: what the service
    /// calls for `pollExternalSource`.
    /// - Parameters:
    ///   - details: Token and base URL of a connected source.
    ///   - logger: The service's logger, with the action's metadata; never log the token.
    /// - Returns: The complete list, timestamped or fingerprinted; the core removes repeated externalIds.
    func fetch(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> FetchedAssignments
}


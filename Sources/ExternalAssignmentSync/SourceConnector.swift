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
/// - ``fetchAssignments(_:logger:)`` throws `SourceConnectionError` (401, or a base URL that is not
///   the platform), `ApiRateLimitError` (403/429 rate limit) or `NetworkError` (transport failure,
///   timeout, 5xx, truncated or malformed body). It returns every assignment the token can see, or
///   throws: never a partial list (§6.5). ``fetch(_:logger:)`` follows the same contract.
///
/// ## Platforms without modification times
/// The service calls ``fetch(_:logger:)``. Its default wraps ``fetchAssignments(_:logger:)`` as
/// ``FetchedAssignments/timestamped(_:)``. A platform that reports no modification time (GitHub
/// Classroom) returns ``FetchedAssignments/fingerprinted(_:)`` instead, and the core stamps the
/// items from the source's ``FingerprintLedger``, so its timestamps survive restarts with the state.
///
/// The service maps any other code to the nearest allowed one (see ``SyncService``), and scrubs the
/// token from messages, but a connector should not rely on that.
public protocol SourceConnector: Sendable {
    /// Checks that `details` authenticate with the platform.
    /// - Parameters:
    ///   - details: Token and base URL to check.
    ///   - logger: The service's logger, with the action's metadata; never log the token.
    func validate(_ details: ConnectionDetails, logger: Logger) async throws(SyncError)

    /// Fetches every assignment visible with `details`.
    /// - Parameters:
    ///   - details: Token and base URL of a connected source.
    ///   - logger: The service's logger, with the action's metadata; never log the token.
    /// - Returns: The complete list; the service removes repeated externalIds.
    func fetchAssignments(_ details: ConnectionDetails, logger: Logger) async throws(SyncError)
        -> [RawExternalAssignment]

    /// Fetches every assignment visible with `details`, as the platform reports it: what the service
    /// calls for `pollExternalSource`.
    /// - Parameters:
    ///   - details: Token and base URL of a connected source.
    ///   - logger: The service's logger, with the action's metadata; never log the token.
    /// - Returns: The complete list, timestamped or fingerprinted; the core removes repeated externalIds.
    func fetch(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> FetchedAssignments
}

extension SourceConnector {
    /// The default: ``fetchAssignments(_:logger:)``'s list, which carries the platform's timestamps.
    public func fetch(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> FetchedAssignments {
        .timestamped(try await fetchAssignments(details, logger: logger))
    }
}

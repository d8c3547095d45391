import AsyncHTTPClient
import KitPrimitives
import Logging

/// The GitHub Classroom connector: checks a token with `GET /user` and fetches every assignment of
/// every classroom the token administers, across all pages.
///
/// - Classrooms: `GET /classrooms?per_page=100`, then each classroom's
///   `GET /classrooms/{id}/assignments?per_page=100`, following `Link: rel="next"` to the end. One
///   request at a time: GitHub asks integrators to make requests serially, and counts concurrent
///   ones against its secondary rate limit.
/// - Mapping: `externalId = String(id)`, `details = {name = title, description = nil (GitHub has
///   none), dueDate = deadline}`. GitHub reports no modification time, so ``fetch(_:logger:)``
///   returns ``FetchedAssignments/fingerprinted(_:)`` and the core stamps each item from the source's
///   ``FingerprintLedger``: unchanged content keeps its earlier timestamp, changed content gets the
///   poll's time.
/// - Requests carry `Accept: application/vnd.github+json`, `Authorization: Bearer <token>`,
///   `X-GitHub-Api-Version: 2022-11-28` and a `User-Agent`. `baseUrl` is `https://api.github.com`
///   or a GitHub Enterprise Server API root with its path prefix (`https://ghe.example.com/api/v3`).
/// - The token goes only to `baseUrl`'s origin: redirects are not followed by the HTTP client; a
///   same-origin redirect is followed by hand, a cross-origin one fails the call; a `Link` to another
///   origin fails the poll.
/// - Errors follow interpretation 6 (Scenarios/README.md) (see ``GitHubClassroomErrorMapping``): a 404 for a listed
///   classroom (admin rights removed mid-poll) fails the poll with `SourceConnectionError`; any
///   failed page fails the whole call, never a partial list.
public struct GitHubClassroomConnector: PlatformHTTPConnector {
    /// Timeouts, page size, body limit and the optional retry (the same knobs as Canvas's).
    public struct Configuration: Sendable {
        /// Page size asked for (GitHub allows at most 100).
        public var perPage = 100
        /// The longest one request may take, from sending to the last body byte.
        public var requestTimeout: Duration = .seconds(30)
        /// The longest a whole validate or poll may take; a retry wait that would pass it is not started.
        public var totalTimeout: Duration = .seconds(120)
        /// The largest response body accepted.
        public var maxBodyBytes = 32 * 1024 * 1024
        /// The most pages followed for one list (a guard against `Link` loops).
        public var maxPages = 10_000
        /// Retries of transient failures (`NetworkError`, `ApiRateLimitError`), honouring
        /// `Retry-After` (at least a minute for a secondary limit without one, as GitHub asks); nil
        /// (the default) keeps the reference spec-literal: a failure is reported, not hidden.
        public var retry: ConnectorRetryPolicy?
        /// The `User-Agent` GitHub requires on every request.
        public var userAgent = "ExternalAssignmentSync-reference/0.1"

        /// The defaults.
        public init() {}
    }

    let client: HTTPClient
    let configuration: Configuration
    let sleeper: any Sleeper

    /// Creates a connector using `client`, whose owner shuts it down.
    ///
    /// The client must not follow redirects (``makeHTTPClient(connectTimeout:readTimeout:)`` makes one
    /// that doesn't); the connector decides itself which redirects are safe.
    /// - Parameters:
    ///   - client: The HTTP client.
    ///   - configuration: Timeouts, page size, retry.
    ///   - sleeper: Where retry waits happen.
    public init(
        client: HTTPClient,
        configuration: Configuration = Configuration(),
        sleeper: any Sleeper = ContinuousSleeper()
    ) {
        self.client = client
        self.configuration = configuration
        self.sleeper = sleeper
    }

    /// Checks the token with `GET /user`: it must answer a GitHub user (an object with `login`).
    public func validate(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) {
        let session = try GitHubClassroomSession(details: details, connector: self, phase: .connect, logger: logger)
        try await session.checkUser()
    }

    /// Every assignment of every classroom the token administers, fingerprinted (the service's call).
    public func fetch(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> FetchedAssignments {
        let session = try GitHubClassroomSession(details: details, connector: self, phase: .poll, logger: logger)
        return .fingerprinted(try await session.fetchAllAssignments())
    }
}

extension GitHubClassroomConnector.Configuration: PlatformConfiguration {}

import AsyncHTTPClient
import KitPrimitives
import Logging
import NIOCore
import NIOHTTP1

/// The Canvas LMS connector: checks a token with `GET /api/v1/users/self` and fetches every
/// assignment in the token's active courses, across all pages.
///
/// - Courses: `GET /api/v1/courses?enrollment_state=active&per_page=100`, then each course's
///   `GET /api/v1/courses/:id/assignments?per_page=100`, following `Link: rel="next"` to the end,
///   a few courses at a time (``Configuration/maxConcurrentCourses``).
/// - Mapping: `externalId = String(id)`, `details = {name, description, dueDate = due_at}`,
///   `externalModificationTimestamp = updated_at` (any RFC 3339 offset). An id seen twice (an item that
///   shifted pages while they were fetched) is kept once, with its newest `updated_at`.
/// - The token goes only in an `Authorization: Bearer` header and only to `baseUrl`'s origin:
///   redirects are not followed by the HTTP client; a same-origin redirect is followed by hand, a
///   cross-origin one fails the call; a `Link` to another origin fails the poll.
/// - Errors follow interpretation 6 (Scenarios/README.md) (see ``CanvasErrorMapping``); any failed page fails the whole call.
/// - As `X-Rate-Limit-Remaining` falls below ``Configuration/slowdownBelow`` the connector fetches one
///   course at a time and pauses before each request, longer as the bucket empties.
public struct CanvasConnector: PlatformHTTPConnector {
    /// Timeouts, page size, concurrency and the optional retry.
    public struct Configuration: Sendable {
        /// Page size asked for (Canvas clamps to 100).
        public var perPage = 100
        /// Courses fetched at the same time.
        public var maxConcurrentCourses = 4
        /// The longest one request may take, from sending to the last body byte.
        public var requestTimeout: Duration = .seconds(30)
        /// The longest a whole validate or poll may take.
        public var totalTimeout: Duration = .seconds(120)
        /// The largest response body accepted.
        public var maxBodyBytes = 32 * 1024 * 1024
        /// The most pages followed for one list (a guard against `Link` loops).
        public var maxPages = 10_000
        /// Below this `X-Rate-Limit-Remaining`, fetch serially and pause before requests.
        public var slowdownBelow: Double = 100
        /// The pause at an empty bucket (scaled down linearly as the bucket refills).
        public var maxSlowdownPause: Duration = .seconds(2)
        /// Ask Canvas for every id as a string (`Accept: application/json+canvas-string-ids`), so no
        /// id ever passes through a JSON number; with false the 64-bit integers are read as they
        /// come. The connector decodes both forms exactly.
        public var stringIDs = true
        /// Retries of transient failures (`NetworkError`, `ApiRateLimitError`); nil (the default)
        /// keeps the reference spec-literal: a failure is reported, not hidden.
        public var retry: RetryPolicy?

        public init() {}
    }

    /// A bounded retry with exponential backoff on the connector's sleeper (shared by every connector).
    public typealias RetryPolicy = ConnectorRetryPolicy

    let client: HTTPClient
    let configuration: Configuration
    let sleeper: any Sleeper

    /// Creates a connector using `client`, whose owner shuts it down.
    ///
    /// The client must not follow redirects (``makeHTTPClient(connectTimeout:readTimeout:)`` makes one
    /// that doesn't); the connector decides itself which redirects are safe.
    public init(client: HTTPClient, configuration: Configuration = Configuration(), sleeper: any Sleeper = ContinuousSleeper()) {
        self.client = client
        self.configuration = configuration
        self.sleeper = sleeper
    }

    public func validate(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) {
        let session = try CanvasSession(details: details, connector: self, phase: .connect, logger: logger)
        let user = try await session.getJSON(path: "/api/v1/users/self")
        guard case .object(let fields) = user, fields["id"] != nil else {
            throw SyncError(code: .invalidCredentialsError, message: "the base URL answered users/self without a Canvas user")
        }
    }

    /// Every assignment in every active course, with Canvas's `updated_at` (the service's call).
    public func fetch(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> FetchedAssignments {
        .timestamped(try await fetchAssignments(details, logger: logger))
    }

    /// The same list, as `RawExternalAssignment`s.
    public func fetchAssignments(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> [RawExternalAssignment] {
        let session = try CanvasSession(details: details, connector: self, phase: .poll, logger: logger)
        return try await session.fetchAllAssignments()
    }
}

extension CanvasConnector.Configuration: PlatformConfiguration {}

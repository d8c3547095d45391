import ConformanceKit
import AsyncHTTPClient
import ExternalAssignmentSync
import KitPrimitives
import Logging
import WireAdapter
import MutantGallery

/// Builds the reference implementation: a ``SyncService`` with the Canvas and GitHub Classroom
/// connectors on one HTTP client of its own, which is shut down when the scope ends.
public enum ReferenceImplementation {
    /// The source type the Canvas connector is registered under (the spec's example value).
    public static let canvasSourceType = "Canvas"
    /// The source type the GitHub Classroom connector is registered under.
    public static let gitHubClassroomSourceType = "GitHub Classroom"

    /// What to inject.
    public struct Options: Sendable {
        /// The reference's clock (for `lastSuccessfulPoll`); in simulated runs, the mock's virtual clock.
        public var wallTime: @Sendable () -> Timestamp = SyncService.systemWallTime
        /// Source account ids; sequential (deterministic) by default.
        public var idGenerator: any SourceAccountIDGenerator = SequentialSourceAccountIDGenerator()
        /// Connector settings (timeouts, page size, retry).
        public var canvas = CanvasConnector.Configuration()
        /// GitHub Classroom connector settings (timeouts, page size, retry).
        public var gitHubClassroom = GitHubClassroomConnector.Configuration()
        /// Connect and read timeouts of the connector's HTTP client.
        public var connectTimeout: Duration = .seconds(5)
        public var readTimeout: Duration = .seconds(15)
        /// Where the state lives.
        public var store: any SyncStore = InMemorySyncStore()
        public var logger = Logger(label: "reference")

        public init() {}

        /// Every connector of the reference, by source type, on `client`.
        public func connectors(client: HTTPClient) -> [String: any SourceConnector] {
            [
                ReferenceImplementation.canvasSourceType: CanvasConnector(client: client, configuration: canvas),
                ReferenceImplementation.gitHubClassroomSourceType: GitHubClassroomConnector(client: client, configuration: gitHubClassroom),
            ]
        }
    }

    /// Runs `body` with a reference service; its HTTP client is shut down afterwards.
    public static func withService<Result: Sendable>(
        _ options: Options = Options(), _ body: (SyncService) async throws -> Result
    ) async throws -> Result {
        let client = CanvasConnector.makeHTTPClient(connectTimeout: options.connectTimeout, readTimeout: options.readTimeout)
        let service = SyncService(
            connectors: options.connectors(client: client),
            store: options.store, idGenerator: options.idGenerator, wallTime: options.wallTime, logger: options.logger)
        return try await client.shutdownAfter { try await body(service) }
    }
}

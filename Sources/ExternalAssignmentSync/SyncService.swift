import KitPrimitives
import Logging

/// The reference implementation of ExternalAssignmentSync: the spec's five actions and three queries
/// as async methods over a ``SyncStore``, calling platforms through ``SourceConnector``s.
///
/// ```swift
/// let service = SyncService(
///     connectors: ["Canvas": canvasConnector],
///     idGenerator: RandomUUIDSourceAccountIDGenerator(),
///     wallTime: SyncService.systemWallTime,
///     logger: logger
/// )
/// let source = try await service.connectSource(owner: "user:Alice", sourceType: "Canvas",
///                                              sourceName: "6.104 Canvas", details: details)
/// let raw = try await service.pollExternalSource(sourceAccount: source)
/// for item in try await service.identifyChanges(sourceAccount: source, rawExternalAssignments: raw) {
///     let internalId = item.existingInternalId ?? createAssignment(item.details)
///     try await service.recordInternalSync(sourceAccount: source, externalId: item.externalId,
///         internalId: internalId, externalModificationTimestamp: item.externalModificationTimestamp)
/// }
/// ```
///
/// ## Errors
/// Actions throw ``SyncError`` (typed), with the spec's codes; queries throw ``QueryError`` with the
/// spec's messages. A failed action changes nothing.
///
/// ## Concurrency
/// A `Sendable` struct of immutable dependencies, not an actor: it has no state of its own. All state
/// is in the store, and every command is applied inside one ``SyncStore/withState(_:)`` call. Actions
/// that call a platform do it between two such calls (`begin…`, platform, `finish…`), and the `finish…`
/// step re-checks the state, so concurrent calls leave a state equal to some serial order of them. An
/// actor would add nothing: it would be re-entered at every platform call anyway.
///
/// ## Secrets
/// The token is read only to hand it to the connector. Log lines carry owner, source type and name,
/// source id and error code, never details; connector error messages are scrubbed of the token.
public struct SyncService: Sendable {
    /// Where the state lives.
    public let store: any SyncStore
    /// The connector for each `sourceType`, matched exactly (e.g. `"Canvas"`).
    public let connectors: [String: any SourceConnector]
    let idGenerator: any SourceAccountIDGenerator
    let wallTime: @Sendable () -> Timestamp
    let logger: Logger

    /// How many ids ``connectSource(owner:sourceType:sourceName:details:)`` draws, at most, to find
    /// one the state has never issued.
    static let maximumIDDraws = 8

    /// Creates the service.
    /// - Parameters:
    ///   - connectors: The connector for each `sourceType`; other types fail with `UnsupportedSourceType`.
    ///   - store: Where the state lives; a fresh in-memory store by default.
    ///   - idGenerator: Makes fresh source account ids.
    ///   - wallTime: The current time, read once per successful poll for `lastSuccessfulPoll`.
    ///   - logger: Where to log; the service adds metadata but never bootstraps logging.
    public init(
        connectors: [String: any SourceConnector],
        store: any SyncStore = InMemorySyncStore(),
        idGenerator: any SourceAccountIDGenerator,
        wallTime: @escaping @Sendable () -> Timestamp,
        logger: Logger
    ) {
        self.connectors = connectors
        self.store = store
        self.idGenerator = idGenerator
        self.wallTime = wallTime
        self.logger = logger
    }

    /// Applies `command` inside one atomic store call.
    func apply(_ command: SyncCommand) async throws(SyncError) -> SyncEffect {
        try await withStore { $0.apply(command) }
    }

    /// Runs `body` inside one atomic store call; a store failure becomes `StorageError`.
    func withStore<Result: Sendable>(_ body: (inout SyncState) -> Result) async throws(SyncError) -> Result {
        do {
            return try await store.withState(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// The `StorageError` for a store failure. It names only the failure's type: a store's own message
    /// may quote stored data (a token, in SQL arguments), so it is never copied.
    static func storageError(_ error: any Error) -> SyncError {
        SyncError(code: .storageError, message: "the store failed (\(type(of: error)))")
    }

    /// An id the state has never issued, drawing at most ``maximumIDDraws`` times; the last draw
    /// otherwise (the core then refuses it with `InvalidArgument`).
    func freshID(notIssuedIn state: SyncState) -> SourceAccountID {
        var id = idGenerator.nextID()
        var draws = 1
        while state.hasIssued(id), draws < Self.maximumIDDraws {
            id = idGenerator.nextID()
            draws += 1
        }
        return id
    }

    /// The service's logger with `metadata` added.
    func logger(_ metadata: Logger.Metadata) -> Logger {
        var logger = self.logger
        for (key, value) in metadata { logger[metadataKey: key] = value }
        return logger
    }
}

import ExternalAssignmentSync
import KitPrimitives
import Logging
import Testing

/// A service wired to a fake platform, a manual clock, sequential ids, an inspectable in-memory
/// store and a capturing logger.
struct ServiceHarness {
    let connector: FakeConnector
    let clock: ManualWallClock
    let store: InMemorySyncStore
    let logs: LogCapture
    let service: SyncService

    init(
        connector: FakeConnector = FakeConnector(),
        clock: ManualWallClock = ManualWallClock(),
        store: InMemorySyncStore = InMemorySyncStore(),
        idGenerator: any SourceAccountIDGenerator = SequentialSourceAccountIDGenerator()
    ) {
        self.connector = connector
        self.clock = clock
        self.store = store
        let logs = LogCapture()
        self.logs = logs
        service = SyncService(
            connectors: [Fixtures.canvas: connector],
            store: store,
            idGenerator: idGenerator,
            wallTime: { clock.now() },
            logger: logs.makeLogger()
        )
    }

    /// The committed state, after checking its invariants.
    func checkedState(sourceLocation: SourceLocation = #_sourceLocation) -> SyncState {
        let state = store.snapshot
        #expect(state.invariantViolations() == [], sourceLocation: sourceLocation)
        return state
    }

    /// Connects Alice's "6.104 Canvas" (or another), expecting success.
    func connect(
        owner: UserID = Fixtures.alice,
        name: String = "6.104 Canvas",
        details: ConnectionDetails = Fixtures.aliceDetails
    ) async throws(SyncError) -> SourceAccountID {
        try await service.connectSource(owner: owner, sourceType: Fixtures.canvas, sourceName: name, details: details)
    }

    /// Records a mapping, expecting success.
    func record(_ source: SourceAccountID, _ externalId: String, _ internalId: AssignmentID, _ modified: String)
        async throws(SyncError)
    {
        try await service.recordInternalSync(
            sourceAccount: source,
            externalId: externalId,
            internalId: internalId,
            externalModificationTimestamp: Fixtures.timestamp(modified)
        )
    }

    /// Runs `body`, expecting it to throw a `SyncError` with `code`, and returns the error.
    @discardableResult
    func expectError<Value>(
        _ code: SyncError.Code,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Value
    ) async -> SyncError? {
        do {
            let value = try await body()
            Issue.record("expected \(code), got \(value)", sourceLocation: sourceLocation)
            return nil
        } catch let error as SyncError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            return error
        } catch {
            Issue.record("expected a SyncError, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

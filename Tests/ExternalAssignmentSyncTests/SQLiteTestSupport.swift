import ExternalAssignmentSync
import Foundation
import GRDB
import KitPrimitives
import Logging
import Testing

/// A temporary directory for database files, removed (with everything in it) when the body ends.
func withDatabaseDirectory<Result>(_ body: (SQLiteFiles) async throws -> Result) async throws -> Result {
    let files = SQLiteFiles()
    try FileManager.default.createDirectory(atPath: files.directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: files.directory) }
    return try await body(files)
}

/// Paths inside one temporary directory.
struct SQLiteFiles {
    let directory = NSTemporaryDirectory() + "eas-sqlite-tests-" + UUID().uuidString

    /// The path of the database named `name`.
    func path(_ name: String = "state") -> String { "\(directory)/\(name).sqlite" }

    /// Runs SQL on the file with a plain GRDB connection (the store must be closed: it holds the lock).
    func withConnection<T>(_ name: String = "state", _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: path(name))
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction(body)
    }
}

/// Builders shared by the SQLite tests.
enum SQLiteFixtures {
    /// A service over `store` with the fake platform, a manual clock and sequential ids.
    static func service(
        _ store: any SyncStore, connector: FakeConnector = FakeConnector(), clock: ManualWallClock = ManualWallClock(),
        ids: any SourceAccountIDGenerator = SequentialSourceAccountIDGenerator()
    ) -> SyncService {
        SyncService(
            connectors: [Fixtures.canvas: connector], store: store, idGenerator: ids, wallTime: { clock.now() },
            logger: Logger(label: "sqlite-tests") { _ in SwiftLogNoOpLogHandler() })
    }

    /// A state with two owners, three sources (one disconnected), mappings with an overwrite, and a
    /// poll stamped with a fraction of a second: everything a reopen must keep, orders included.
    static func richState() -> SyncState {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(name: "B"), id: "source-1")
        state.connectChecked(Fixtures.connectRequest(owner: Fixtures.bob, name: "B", details: Fixtures.bobDetails), id: "source-2")
        state.connectChecked(Fixtures.connectRequest(name: "A"), id: "source-3")
        state.connectChecked(Fixtures.connectRequest(name: "gone"), id: "source-4")
        state.recordChecked("source-1", "50002", "app-2", "2025-08-30T10:00:00Z")
        state.recordChecked("source-1", "50001", "app-1", "2025-08-30T10:00:00.25Z")
        state.recordChecked("source-1", "50002", "app-2b", "2025-08-29T10:00:00Z")
        state.recordChecked("source-4", "1", "app-x", "2025-08-30T10:00:00Z")
        state.applyChecked(.finishPoll("source-3", outcome: .success(.timestamped([])), now: Fixtures.timestamp("2025-09-01T12:00:00.123456789Z")))
        state.applyChecked(.disconnectSource("source-4"))
        return state
    }

    /// Makes `store` hold `target` by assigning it (the store saves the whole state).
    static func replace(_ store: any SyncStore, with target: SyncState) async throws {
        try await store.withState { $0 = target }
    }
}

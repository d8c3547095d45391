import Foundation
import GRDB
import Synchronization

/// A durable ``SyncStore``: the state in a SQLite file (through GRDB), with an in-memory cache.
///
/// ```swift
/// let store = try SQLiteSyncStore(path: "/var/lib/eas/state.sqlite")
/// let service = SyncService(connectors: connectors, store: store, idGenerator: ids, wallTime: clock, logger: logger)
/// ```
///
/// ## Design
/// - **The cache is the authority for reads.** Opening the store loads the whole state once
///   (O(state)); afterwards ``readState(_:)`` and the read half of ``withState(_:)`` never touch the
///   disk, so queries and `identifyChanges` cost what they cost in memory.
/// - **Writes are deltas.** ``withState(_:)`` runs its body on the cache in place, under one lock,
///   with the core recording what changed (``SyncState/recordingChanges(_:)``): an added account, a
///   removed one, a new `lastSuccessfulPoll`, an upserted mapping, the entries of a fingerprint ledger
///   that a poll changed. Before the lock is released the
///   store writes exactly those changes in **one transaction** (``SQLiteChangeWriter``): a
///   `recordInternalSync` is one upsert; a `disconnectSource` is one `DELETE` of the source row whose
///   mappings go with it (`ON DELETE CASCADE`). A body that changed nothing writes nothing; one that
///   assigned a whole new state (not through commands) rewrites every table.
/// - **A failed write reloads.** If the transaction fails (disk full, I/O error, a constraint the
///   cache did not expect), SQLite rolls it back, so the file holds the state before the command;
///   the store then reloads the cache from the file and throws ``SQLiteStoreError``
///   (``SQLiteStoreError/Code/writeFailed``), which the service reports as `StorageError`. If the
///   reload fails too, every call fails (``SQLiteStoreError/Code/unavailable``) until one succeeds:
///   an unsaved cache is never served.
/// - **Crashes leave the old state or the new one.** The file is in WAL mode; a commit is atomic, so
///   a process killed at any point reopens to the state after the last committed command. With
///   ``Options/Durability-swift.enum/full`` (the default) each commit is on disk before the call returns, so
///   it survives power loss too; ``Options/Durability-swift.enum/normal`` survives a process crash only.
/// - **One store per file.** The connection takes SQLite's exclusive lock, so a second store on the
///   same file (in this process or another) fails to open with ``SQLiteStoreError/Code/locked``
///   instead of diverging from this one's cache. The lock is released by ``close()``, by
///   deinitialization, or by the process dying.
/// - **Ids survive restarts.** Every issued id is saved (`issuedSourceId`), disconnected ones
///   included, so the reopened state refuses to issue them again.
///
/// Bodies run under the lock, and a write waits for its commit (an `fsync` with `.full`), so a reader
/// may wait for one commit. Platform calls happen outside the store (``SyncStore``), never under it.
///
/// ## Secrets
/// The file holds API tokens, like the in-memory state does. It is created readable by its owner
/// only (mode 0600; SQLite gives its WAL file the same mode). Errors carry codes, never SQL, arguments
/// or SQLite's messages.
public final class SQLiteSyncStore: SyncStore {
    /// How the store is opened.
    public struct Options: Sendable, Hashable {
        /// How far a commit goes before the call returns.
        public enum Durability: String, Sendable, Hashable {
            /// `PRAGMA synchronous = FULL`: the WAL is synced at every commit (survives power loss).
            case full
            /// `PRAGMA synchronous = NORMAL`: synced at checkpoints (survives a process crash, may lose
            /// the last commits on power loss).
            case normal
        }

        /// How far a commit goes before the call returns; `.full` by default.
        public var durability: Durability = .full

        /// The defaults: full durability.
        public init(durability: Durability = .full) {
            self.durability = durability
        }
    }

    /// The database file.
    public let path: String
    /// The options it was opened with.
    public let options: Options
    private let database: DatabaseQueue
    private let guarded: Mutex<Guarded>

    /// The cache and whether it may be served.
    struct Guarded {
        var state: SyncState
        var status: Status
    }

    enum Status {
        /// The cache equals the file.
        case ready
        /// A write failed and the cache could not be reloaded yet.
        case needsReload
        /// ``close()`` was called.
        case closed
    }

    /// Opens (creating if needed) the database at `path`, brings its schema up to date and loads the state.
    ///
    /// The directory must exist. O(saved state).
    /// - Throws: ``SQLiteStoreError`` with ``SQLiteStoreError/Code/openFailed``, ``SQLiteStoreError/Code/locked``
    ///   (another store holds the file), ``SQLiteStoreError/Code/migrationFailed`` or
    ///   ``SQLiteStoreError/Code/loadFailed``.
    public init(path: String, options: Options = Options()) throws(SQLiteStoreError) {
        self.path = path
        self.options = options
        Self.createPrivately(path)
        let database = try SQLiteStoreError.attempt(.openFailed, "opening the database") {
            let database = try DatabaseQueue(path: path, configuration: Self.configuration(options))
            // GRDB sets NORMAL whenever it enters WAL mode, after the preparation functions.
            let synchronous = options.durability == .full ? "FULL" : "NORMAL"
            try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = \(synchronous)") }
            return database
        }
        try SQLiteStoreError.attempt(.migrationFailed, "migrating the schema") {
            let migrator = SQLiteSchema.migrator
            if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                throw SQLiteStoreError(.migrationFailed, operation: "opening a database written by a newer version")
            }
            try migrator.migrate(database)
        }
        let state = try SQLiteStoreError.attempt(.loadFailed, "loading the saved state") {
            try database.read(SQLiteStateLoader.load)
        }
        self.database = database
        guarded = Mutex(Guarded(state: state, status: .ready))
    }

    @discardableResult
    public func withState<Result: Sendable>(_ body: (inout SyncState) -> Result) async throws -> Result {
        try guarded.withLock { guarded throws(SQLiteStoreError) -> Result in
            try reloadIfNeeded(&guarded)
            let (result, changes) = guarded.state.recordingChanges(body)
            guard changes?.isEmpty != true else { return result }
            do throws(SQLiteStoreError) {
                let state = guarded.state
                try SQLiteStoreError.attempt(.writeFailed, "committing a command") {
                    try database.write { db in
                        let writer = SQLiteChangeWriter(db)
                        if let changes { try writer.write(changes) } else { try writer.replaceAll(with: state) }
                    }
                }
            } catch {
                // The transaction was rolled back: the file holds the state before the body ran.
                guarded.status = .needsReload
                try? reloadIfNeeded(&guarded)
                throw error
            }
            return result
        }
    }

    public func readState<Result: Sendable>(_ body: (SyncState) -> Result) async throws -> Result {
        try guarded.withLock { guarded throws(SQLiteStoreError) -> Result in
            try reloadIfNeeded(&guarded)
            return body(guarded.state)
        }
    }

    /// The current state, synchronously (for tests, tools and snapshots).
    public var snapshot: SyncState {
        get throws(SQLiteStoreError) {
            try guarded.withLock { guarded throws(SQLiteStoreError) -> SyncState in
                try reloadIfNeeded(&guarded)
                return guarded.state
            }
        }
    }

    /// The state as saved in the file, read afresh (not from the cache): equal to ``snapshot`` unless
    /// something is wrong. O(saved state).
    public func savedState() throws(SQLiteStoreError) -> SyncState {
        try guarded.withLock { guarded throws(SQLiteStoreError) -> SyncState in
            guard guarded.status != .closed else { throw SQLiteStoreError(.closed, operation: "reading a closed store") }
            return try SQLiteStoreError.attempt(.loadFailed, "loading the saved state") { try database.read(SQLiteStateLoader.load) }
        }
    }

    /// Copies the WAL into the database file and truncates the WAL (SQLite also does this on its own
    /// every 1,000 pages); for tools that measure or copy the file.
    public func checkpoint() throws(SQLiteStoreError) {
        try guarded.withLock { guarded throws(SQLiteStoreError) in
            try reloadIfNeeded(&guarded)
            try SQLiteStoreError.attempt(.writeFailed, "checkpointing the WAL") {
                try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            }
        }
    }

    /// Closes the database and releases its lock; every later call throws ``SQLiteStoreError/Code/closed``.
    public func close() throws(SQLiteStoreError) {
        try guarded.withLock { guarded throws(SQLiteStoreError) in
            guard guarded.status != .closed else { return }
            guarded.status = .closed
            guarded.state = SyncState()
            try SQLiteStoreError.attempt(.closed, "closing the database") { try database.close() }
        }
    }

    /// Reloads the cache from the file when a failed write left it unsaved.
    private func reloadIfNeeded(_ guarded: inout Guarded) throws(SQLiteStoreError) {
        switch guarded.status {
        case .ready:
            return
        case .closed:
            throw SQLiteStoreError(.closed, operation: "using a closed store")
        case .needsReload:
            do throws(SQLiteStoreError) {
                guarded.state = try SQLiteStoreError.attempt(.loadFailed, "reloading after a failed write") {
                    try database.read(SQLiteStateLoader.load)
                }
                guarded.status = .ready
            } catch {
                throw SQLiteStoreError(.unavailable, operation: "reloading after a failed write", sqliteCode: error.sqliteCode)
            }
        }
    }

    /// The connection settings: WAL, exclusive locking (one store per file), foreign keys on (GRDB's
    /// default), and fail at once when another connection holds the lock.
    static func configuration(_ options: Options) -> Configuration {
        var configuration = Configuration()
        configuration.label = "SQLiteSyncStore"
        configuration.journalMode = .wal
        configuration.busyMode = .immediateError
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Before WAL is entered, so SQLite takes the lock at once and keeps no shared-memory index.
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
        }
        return configuration
    }

    /// Creates an empty file readable by its owner only, unless the file exists.
    private static func createPrivately(_ path: String) {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    }
}

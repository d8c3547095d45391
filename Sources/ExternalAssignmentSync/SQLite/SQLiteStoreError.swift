import GRDB

/// A failure of ``SQLiteSyncStore``: a stable code, what the store was doing, and SQLite's result code.
///
/// It never carries SQL, statement arguments or SQLite's message: arguments hold tokens and user
/// data, and a message can quote them (a trigger's, a CHECK constraint's). The service turns it into
/// the kit's `StorageError` (``SyncError/Code/storageError``), naming only its type.
///
/// ```swift
/// do {
///     let store = try SQLiteSyncStore(path: "/var/lib/eas/state.sqlite")
/// } catch {
///     print(error)   // "sqlite-locked: opening the database (SQLite code 5)"
/// }
/// ```
public struct SQLiteStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which failure; the raw value is stable (logs, tests, exit messages).
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file could not be created or opened (a missing directory, no permission, not a database).
        public static let openFailed = Code(rawValue: "sqlite-open-failed")
        /// Another process (or another store in this one) holds the database: one store per file.
        public static let locked = Code(rawValue: "sqlite-locked")
        /// The schema could not be brought up to date, or the file was written by a newer version.
        public static let migrationFailed = Code(rawValue: "sqlite-migration-failed")
        /// The saved state could not be read, or breaks an invariant (``SyncInvariantViolation``).
        public static let loadFailed = Code(rawValue: "sqlite-load-failed")
        /// A command's transaction failed and was rolled back; the state is as before the command.
        public static let writeFailed = Code(rawValue: "sqlite-write-failed")
        /// A write failed and reloading the saved state failed too; every call fails until a reload works.
        public static let unavailable = Code(rawValue: "sqlite-unavailable")
        /// The store was closed.
        public static let closed = Code(rawValue: "sqlite-closed")
    }

    /// Which failure.
    public var code: Code
    /// What the store was doing, in fixed words (never data): "opening the database", ….
    public var operation: String
    /// SQLite's extended result code, when SQLite reported the failure.
    public var sqliteCode: Int32?

    /// Creates an error.
    public init(_ code: Code, operation: String, sqliteCode: Int32? = nil) {
        self.code = code
        self.operation = operation
        self.sqliteCode = sqliteCode
    }

    /// `"<code>: <operation> (SQLite code N)"`.
    public var description: String {
        "\(code): \(operation)" + (sqliteCode.map { " (SQLite code \($0))" } ?? "")
    }

    /// Runs `body`, turning any error it throws into a store error with `code` (see ``wrapping(_:_:operation:)``).
    static func attempt<T>(_ code: Code, _ operation: String, _ body: () throws -> T) throws(SQLiteStoreError) -> T {
        do {
            return try body()
        } catch {
            throw wrapping(error, code, operation: operation)
        }
    }

    /// The store's error for `error`, thrown while doing `operation`: GRDB's error is reduced to its
    /// result code; a busy or locked database becomes ``Code/locked``.
    static func wrapping(_ error: any Error, _ code: Code, operation: String) -> SQLiteStoreError {
        if let error = error as? SQLiteStoreError { return error }
        if let error = error as? SyncInvariantViolation {
            return SQLiteStoreError(.loadFailed, operation: "\(operation): invariant \(error.invariant) broken")
        }
        guard let database = error as? DatabaseError else { return SQLiteStoreError(code, operation: operation) }
        let primary = database.resultCode
        let effective: Code = primary == .SQLITE_BUSY || primary == .SQLITE_LOCKED ? .locked : code
        return SQLiteStoreError(effective, operation: operation, sqliteCode: database.extendedResultCode.rawValue)
    }
}

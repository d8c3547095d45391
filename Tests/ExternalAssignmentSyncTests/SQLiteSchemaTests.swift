import ExternalAssignmentSync
import Foundation
import GRDB
import Testing

/// The SQLite store's schema: migrations from an empty file, and the constraints the database itself
/// enforces (so that even a wrong writer cannot save a duplicate or an orphan).
@Suite struct SQLiteSchemaTests {
    @Test func anEmptyFileIsMigratedToTheLatestSchemaAndLoadsEmpty() async throws {
        try await withDatabaseDirectory { files in
            let store = try SQLiteSyncStore(path: files.path())
            #expect(try store.snapshot == SyncState())
            #expect(try store.savedState() == SyncState())
            try store.close()
            try files.withConnection { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
                #expect(tables == ["fingerprintLedger", "issuedSourceId", "mapping", "source"])
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                #expect(applied == ["v1: sources, mappings, issued ids", "v2: fingerprint ledgers"])
                #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            }
            // Opening again runs no migration twice and changes nothing.
            let again = try SQLiteSyncStore(path: files.path())
            #expect(try again.snapshot == SyncState())
        }
    }

    @Test func theFileIsReadableByItsOwnerOnly() async throws {
        try await withDatabaseDirectory { files in
            let store = try SQLiteSyncStore(path: files.path())
            let attributes = try FileManager.default.attributesOfItem(atPath: files.path())
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            try store.close()
        }
    }

    @Test func aMissingDirectoryFailsToOpenWithAStableCode() async throws {
        try await withDatabaseDirectory { files in
            #expect(throws: SQLiteStoreError.self) { try SQLiteSyncStore(path: files.directory + "/missing/state.sqlite") }
            do throws(SQLiteStoreError) {
                _ = try SQLiteSyncStore(path: files.directory + "/missing/state.sqlite")
            } catch {
                #expect(error.code == .openFailed)
                #expect(error.description.hasPrefix("sqlite-open-failed: opening the database"))
            }
        }
    }

    @Test func aDatabaseFromANewerVersionIsRefused() async throws {
        try await withDatabaseDirectory { files in
            try SQLiteSyncStore(path: files.path()).close()
            try files.withConnection { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
            }
            do throws(SQLiteStoreError) {
                _ = try SQLiteSyncStore(path: files.path())
                Issue.record("a superseded database was opened")
            } catch {
                #expect(error.code == .migrationFailed)
            }
        }
    }

    @Test func theDatabaseRefusesDuplicateNamesDuplicateMappingsAndOrphans() async throws {
        try await withDatabaseDirectory { files in
            let store = try SQLiteSyncStore(path: files.path())
            try await SQLiteFixtures.replace(store, with: SQLiteFixtures.richState())
            try store.close()
            try files.withConnection { db in
                let insertSource = """
                    INSERT INTO source (id, owner, sourceType, sourceName, apiToken, baseUrl) VALUES (?, ?, 'Canvas', ?, 't', 'u')
                    """
                try db.execute(sql: "INSERT INTO issuedSourceId (id) VALUES ('source-9')")
                // (owner, sourceName) is unique: Alice already has "B".
                #expect(throws: DatabaseError.self) { try db.execute(sql: insertSource, arguments: ["source-9", "user:Alice", "B"]) }
                // Two owners may use one name.
                try db.execute(sql: insertSource, arguments: ["source-9", "user:Carol", "B"])
                // An id that was never issued cannot name a source.
                #expect(throws: DatabaseError.self) { try db.execute(sql: insertSource, arguments: ["never-issued", "user:Carol", "C"]) }
                let seq = try #require(try Int64.fetchOne(db, sql: "SELECT seq FROM source WHERE id = 'source-1'"))
                // (source, externalId) is unique.
                #expect(throws: DatabaseError.self) {
                    try db.execute(
                        sql: "INSERT INTO mapping (sourceSeq, externalId, internalId, modifiedSeconds, modifiedNanoseconds) VALUES (?, '50001', 'dup', 0, 0)",
                        arguments: [seq])
                }
                // No mapping of a missing source.
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "INSERT INTO mapping (sourceSeq, externalId, internalId, modifiedSeconds, modifiedNanoseconds) VALUES (9999, 'x', 'y', 0, 0)")
                }
                // Deleting a source deletes its mappings.
                try db.execute(sql: "DELETE FROM source WHERE id = 'source-1'")
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM mapping WHERE sourceSeq = ?", arguments: [seq]) == 0)
            }
        }
    }

    @Test func aSecondStoreOnTheSameFileIsRefusedWhileTheFirstIsOpen() async throws {
        try await withDatabaseDirectory { files in
            let first = try SQLiteSyncStore(path: files.path())
            do throws(SQLiteStoreError) {
                _ = try SQLiteSyncStore(path: files.path())
                Issue.record("two stores opened one file")
            } catch {
                #expect(error.code == .locked, "\(error)")
            }
            try first.close()
            do throws(SQLiteStoreError) {
                _ = try first.snapshot
                Issue.record("a closed store answered")
            } catch {
                #expect(error.code == .closed)
            }
            // Closing released the lock.
            let second = try SQLiteSyncStore(path: files.path())
            #expect(try second.snapshot == SyncState())
        }
    }
}

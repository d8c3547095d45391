import GRDB

/// The database schema of ``SQLiteSyncStore``, as GRDB migrations (each runs once, in its own
/// transaction, and is never edited once shipped: later changes are new migrations).
///
/// Version 1:
///
/// | table | columns | constraints |
/// |---|---|---|
/// | `issuedSourceId` | `id` | primary key: every id ever issued, disconnected ones included (never reused) |
/// | `source` | `seq` (rowid: connection order), `id`, `owner`, `sourceType`, `sourceName`, `apiToken`, `baseUrl`, `lastPollSeconds`, `lastPollNanoseconds` | `id` unique and an issued id; unique (`owner`, `sourceName`) |
/// | `mapping` | `seq` (rowid: first-record order), `sourceSeq`, `externalId`, `internalId`, `modifiedSeconds`, `modifiedNanoseconds` | unique (`sourceSeq`, `externalId`); `sourceSeq` references `source` with ON DELETE CASCADE |
///
/// Version 2 adds the fingerprint ledgers of sources whose platform reports no modification times
/// (``FingerprintLedger``):
///
/// | table | columns | constraints |
/// |---|---|---|
/// | `fingerprintLedger` | `sourceSeq`, `externalId`, `fingerprint`, `modifiedSeconds`, `modifiedNanoseconds` | primary key (`sourceSeq`, `externalId`); `sourceSeq` references `source` with ON DELETE CASCADE |
///
/// Instants are two integers (seconds since the epoch, nanoseconds), so they round-trip exactly and
/// compare as instants. An upsert keeps a mapping's rowid, so the first-record order survives
/// overwrites; rowids only grow while rows exist above them, so connection order survives deletes.
enum SQLiteSchema {
    /// The migrations, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sources, mappings, issued ids") { db in
            try db.execute(sql: """
                CREATE TABLE issuedSourceId (
                    id TEXT NOT NULL PRIMARY KEY
                ) WITHOUT ROWID;

                CREATE TABLE source (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE REFERENCES issuedSourceId(id),
                    owner TEXT NOT NULL,
                    sourceType TEXT NOT NULL,
                    sourceName TEXT NOT NULL,
                    apiToken TEXT NOT NULL,
                    baseUrl TEXT NOT NULL,
                    lastPollSeconds INTEGER,
                    lastPollNanoseconds INTEGER,
                    UNIQUE (owner, sourceName),
                    CHECK ((lastPollSeconds IS NULL) = (lastPollNanoseconds IS NULL))
                );

                CREATE TABLE mapping (
                    seq INTEGER PRIMARY KEY,
                    sourceSeq INTEGER NOT NULL REFERENCES source(seq) ON DELETE CASCADE,
                    externalId TEXT NOT NULL,
                    internalId TEXT NOT NULL,
                    modifiedSeconds INTEGER NOT NULL,
                    modifiedNanoseconds INTEGER NOT NULL,
                    UNIQUE (sourceSeq, externalId)
                );
                """)
        }
        migrator.registerMigration("v2: fingerprint ledgers") { db in
            try db.execute(sql: """
                CREATE TABLE fingerprintLedger (
                    sourceSeq INTEGER NOT NULL REFERENCES source(seq) ON DELETE CASCADE,
                    externalId TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    modifiedSeconds INTEGER NOT NULL,
                    modifiedNanoseconds INTEGER NOT NULL,
                    PRIMARY KEY (sourceSeq, externalId)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// The names of the tables the store owns.
    static let tables = ["issuedSourceId", "source", "mapping", "fingerprintLedger"]
}

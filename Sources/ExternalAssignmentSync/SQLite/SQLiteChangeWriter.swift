import GRDB
import KitPrimitives

/// Writes a command's ``SyncChange``s into the database, inside the caller's transaction.
///
/// One statement per change, through GRDB's statement cache (each SQL text is compiled once per
/// connection):
///
/// | change | SQL |
/// |---|---|
/// | ``SyncChange/connected(_:)`` | insert the id into `issuedSourceId`, insert the `source` row |
/// | ``SyncChange/disconnected(_:)`` | delete the `source` row; its `mapping` rows go with it (`ON DELETE CASCADE`) |
/// | ``SyncChange/polled(_:lastSuccessfulPoll:)`` | update the row's `lastPoll…` columns |
/// | ``SyncChange/recorded(_:)`` | one upsert keyed by (`sourceSeq`, `externalId`): a new row, or an update that keeps the rowid (the first-record order) |
/// | ``SyncChange/ledgerChanged(_:_:)`` | one upsert per new or changed `fingerprintLedger` entry, one delete per vanished one (an unchanged poll writes none) |
///
/// A change the database cannot apply as the cache did (no row to delete or update, an id issued
/// twice, a mapping of a missing source) throws, so the transaction rolls back and the store reloads.
struct SQLiteChangeWriter {
    let db: Database

    init(_ db: Database) {
        self.db = db
    }

    /// Writes `changes`, in order.
    func write(_ changes: [SyncChange]) throws {
        for change in changes {
            switch change {
            case .connected(let account): try insert(account)
            case .disconnected(let id): try delete(id)
            case .polled(let id, let instant): try setLastPoll(of: id, instant.seconds, instant.nanoseconds)
            case .recorded(let record): try upsert(record)
            case .ledgerChanged(let id, let delta): try write(delta, of: id)
            }
        }
    }

    /// Makes the tables hold exactly `state` (a body replaced the state wholesale): O(state).
    func replaceAll(with state: SyncState) throws {
        try db.execute(sql: "DELETE FROM fingerprintLedger; DELETE FROM mapping; DELETE FROM source; DELETE FROM issuedSourceId;")
        for id in state.issuedSourceIDs where state.sources[id] == nil {
            try db.cachedStatement(sql: "INSERT INTO issuedSourceId (id) VALUES (?)").execute(arguments: [id.rawValue])
        }
        for account in state.sourcesInConnectionOrder { try insert(account) }
        for account in state.sourcesInConnectionOrder {
            for record in (try? state._getAssignmentsForSource(account.id).get()) ?? [] { try upsert(record) }
            if let ledger = state.ledger(of: account.id) { try write(FingerprintLedger().delta(to: ledger), of: account.id) }
        }
    }

    private func insert(_ account: ExternalSourceAccount) throws {
        try db.cachedStatement(sql: "INSERT INTO issuedSourceId (id) VALUES (?)").execute(arguments: [account.id.rawValue])
        try db.cachedStatement(sql: """
            INSERT INTO source (id, owner, sourceType, sourceName, apiToken, baseUrl, lastPollSeconds, lastPollNanoseconds)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                account.id.rawValue, account.owner.rawValue, account.sourceType, account.sourceName,
                account.connectionDetails.apiToken, account.connectionDetails.baseUrl,
                account.lastSuccessfulPoll?.seconds, account.lastSuccessfulPoll?.nanoseconds,
            ])
    }

    private func delete(_ id: SourceAccountID) throws {
        try db.cachedStatement(sql: "DELETE FROM source WHERE id = ?").execute(arguments: [id.rawValue])
        try expectOneRow("removing a source")
    }

    private func setLastPoll(of id: SourceAccountID, _ seconds: Int64, _ nanoseconds: Int32) throws {
        try db.cachedStatement(sql: "UPDATE source SET lastPollSeconds = ?, lastPollNanoseconds = ? WHERE id = ?")
            .execute(arguments: [seconds, nanoseconds, id.rawValue])
        try expectOneRow("recording a poll")
    }

    private func upsert(_ record: ExternalAssignmentRecord) throws {
        // A missing source makes sourceSeq NULL, which NOT NULL refuses: no orphan row is ever written.
        try db.cachedStatement(sql: """
            INSERT INTO mapping (sourceSeq, externalId, internalId, modifiedSeconds, modifiedNanoseconds)
            VALUES ((SELECT seq FROM source WHERE id = ?), ?, ?, ?, ?)
            ON CONFLICT (sourceSeq, externalId) DO UPDATE SET
                internalId = excluded.internalId,
                modifiedSeconds = excluded.modifiedSeconds,
                modifiedNanoseconds = excluded.modifiedNanoseconds
            """).execute(arguments: [
                record.source.rawValue, record.externalId, record.internalAssignment.rawValue,
                record.lastExternalModificationTimestamp.seconds, record.lastExternalModificationTimestamp.nanoseconds,
            ])
    }

    private func write(_ delta: FingerprintLedger.Delta, of id: SourceAccountID) throws {
        // As for mappings, a missing source makes sourceSeq NULL, which NOT NULL refuses.
        for externalId in delta.removed.sorted() {
            try db.cachedStatement(sql: """
                DELETE FROM fingerprintLedger WHERE sourceSeq = (SELECT seq FROM source WHERE id = ?) AND externalId = ?
                """).execute(arguments: [id.rawValue, externalId])
            try expectOneRow("dropping a vanished assignment's fingerprint")
        }
        for (externalId, entry) in delta.upserted.sorted(by: { $0.key < $1.key }) {
            try db.cachedStatement(sql: """
                INSERT INTO fingerprintLedger (sourceSeq, externalId, fingerprint, modifiedSeconds, modifiedNanoseconds)
                VALUES ((SELECT seq FROM source WHERE id = ?), ?, ?, ?, ?)
                ON CONFLICT (sourceSeq, externalId) DO UPDATE SET
                    fingerprint = excluded.fingerprint,
                    modifiedSeconds = excluded.modifiedSeconds,
                    modifiedNanoseconds = excluded.modifiedNanoseconds
                """).execute(arguments: [
                    id.rawValue, externalId, entry.fingerprint.rawValue, entry.modifiedAt.seconds, entry.modifiedAt.nanoseconds,
                ])
        }
    }

    /// Throws unless the last statement changed exactly one row (cascaded deletes are not counted).
    private func expectOneRow(_ operation: String) throws {
        guard db.changesCount == 1 else {
            throw SQLiteStoreError(.writeFailed, operation: "\(operation): the saved state lacks a row the cache has")
        }
    }
}

extension SyncState {
    /// Every account, each owner's in connection order (owners by id): the order that rebuilds each
    /// `_getSourcesForUser` answer when saved and loaded again.
    var sourcesInConnectionOrder: [ExternalSourceAccount] {
        sourceIDsByOwner.sorted { $0.key < $1.key }.flatMap { $0.value.compactMap { sources[$0] } }
    }
}

import GRDB
import KitPrimitives

/// Reads the whole saved state: how ``SQLiteSyncStore`` fills its cache at open and after a failed
/// write. O(saved state), in one read transaction (a consistent snapshot).
enum SQLiteStateLoader {
    /// The state saved in `db`, checked against every invariant.
    static func load(_ db: Database) throws -> SyncState {
        let issued = try String.fetchSet(db, sql: "SELECT id FROM issuedSourceId")
        var idBySeq: [Int64: SourceAccountID] = [:]
        var accounts: [ExternalSourceAccount] = []
        let sources = try Row.fetchCursor(db, sql: """
            SELECT seq, id, owner, sourceType, sourceName, apiToken, baseUrl, lastPollSeconds, lastPollNanoseconds
            FROM source ORDER BY seq
            """)
        while let row = try sources.next() {
            let id = SourceAccountID(rawValue: row[1])
            idBySeq[row[0]] = id
            let pollSeconds: Int64? = row[7]
            let pollNanoseconds: Int64? = row[8]
            accounts.append(ExternalSourceAccount(
                id: id, owner: UserID(rawValue: row[2]), sourceType: row[3], sourceName: row[4],
                connectionDetails: ConnectionDetails(apiToken: row[5], baseUrl: row[6]),
                lastSuccessfulPoll: pollSeconds.map { Timestamp(seconds: $0, nanoseconds: pollNanoseconds ?? 0) }))
        }
        var records: [ExternalAssignmentRecord] = []
        let mappings = try Row.fetchCursor(db, sql: """
            SELECT sourceSeq, externalId, internalId, modifiedSeconds, modifiedNanoseconds FROM mapping ORDER BY seq
            """)
        while let row = try mappings.next() {
            // The foreign key makes a missing source impossible; the restore would refuse it anyway.
            let source = idBySeq[row[0]] ?? SourceAccountID(rawValue: "")
            records.append(ExternalAssignmentRecord(
                source: source, externalId: row[1], internalAssignment: AssignmentID(rawValue: row[2]),
                lastExternalModificationTimestamp: Timestamp(seconds: row[3], nanoseconds: row[4])))
        }
        return try SyncState(
            restoringSources: accounts, mappings: records,
            issuedSourceIDs: Set(issued.map(SourceAccountID.init(rawValue:))),
            ledgers: try loadLedgers(db, idBySeq: idBySeq))
    }

    /// Every source's fingerprint ledger (sources without one have no rows).
    private static func loadLedgers(_ db: Database, idBySeq: [Int64: SourceAccountID]) throws -> [SourceAccountID: FingerprintLedger] {
        var entriesBySource: [SourceAccountID: [String: FingerprintLedger.Entry]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT sourceSeq, externalId, fingerprint, modifiedSeconds, modifiedNanoseconds FROM fingerprintLedger
            """)
        while let row = try rows.next() {
            let source = idBySeq[row[0]] ?? SourceAccountID(rawValue: "")
            let externalId: String = row[1]
            let entry = FingerprintLedger.Entry(
                fingerprint: AssignmentFingerprint(rawValue: row[2]),
                modifiedAt: Timestamp(seconds: row[3], nanoseconds: row[4]))
            guard entriesBySource[source, default: [:]].updateValue(entry, forKey: externalId) == nil else {
                // Two spellings the database tells apart but Swift calls equal: the cache cannot hold both.
                throw SyncInvariantViolation(invariant: "no-orphan-ledgers", detail: "(\(source), '\(externalId)') saved twice")
            }
        }
        return entriesBySource.mapValues { FingerprintLedger(entries: $0) }
    }
}

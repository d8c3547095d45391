/// The whole state of the concept, as a value: source accounts, assignment mappings, and the
/// fingerprint ledgers of sources whose platform reports no modification times.
///
/// This is the pure core. It performs no I/O, reads no clock and draws no randomness: commands carry
/// the platform's answers, the time and fresh ids (see ``SyncCommand``). It changes only through
/// ``apply(_:)``, which validates before it mutates, so a failed command leaves the state exactly as
/// it was. Queries are plain functions (`SyncState+Queries.swift`), and ``checkInvariants()`` states
/// what must always hold.
///
/// ```swift
/// var state = SyncState()
/// let request = ConnectRequest(owner: "user:Alice", sourceType: "Canvas", sourceName: "6.104", details: details)
/// guard case .validate = state.apply(.beginConnect(request)) else { return }
/// // … the shell asks the platform …
/// state.apply(.finishConnect(request, outcome: .success(()), newID: "source-1"))   // .connected("source-1")
/// ```
///
/// Storage is indexed so that every action is O(1) expected time per item (``identifyChanges`` over n
/// items is O(n)), except `disconnectSource`, which is O(mappings of that source + sources of its
/// owner).
public struct SyncState: Sendable, Hashable {
    /// The connected accounts, by id.
    public internal(set) var sources: [SourceAccountID: ExternalSourceAccount]
    /// The mappings of each source that has any; a source without mappings has no entry.
    var mappingsBySource: [SourceAccountID: SourceMappings]
    /// Which source each (owner, sourceName) names; enforces per-owner name uniqueness.
    var sourceIDByOwnerAndName: [OwnerAndSourceName: SourceAccountID]
    /// Each owner's source ids in connection order; an owner without sources has no entry.
    var sourceIDsByOwner: [UserID: [SourceAccountID]]
    /// What the last successful poll of each fingerprinted source saw (GitHub Classroom); a source
    /// with no such poll, or whose last one was empty, has no entry.
    var ledgersBySource: [SourceAccountID: FingerprintLedger]
    /// Every id ever added, including those since disconnected; ids are never reused (interpretation 13).
    public internal(set) var issuedSourceIDs: Set<SourceAccountID>
    /// The changes applied since ``recordingChanges(_:)`` began, in order; nil when nobody records
    /// (always, outside that call), so it never makes two states differ.
    var changeJournal: [SyncChange]?

    /// The empty state: no sources, no mappings.
    public init() {
        sources = [:]
        mappingsBySource = [:]
        sourceIDByOwnerAndName = [:]
        sourceIDsByOwner = [:]
        ledgersBySource = [:]
        issuedSourceIDs = []
        changeJournal = nil
    }

    /// The account with `id`, or nil.
    public func source(_ id: SourceAccountID) -> ExternalSourceAccount? {
        sources[id]
    }

    /// The mapping of `externalId` in `source`, or nil.
    public func record(source: SourceAccountID, externalId: String) -> ExternalAssignmentRecord? {
        mappingsBySource[source]?.recordsByExternalId[externalId]
    }

    /// The fingerprint ledger of `source` (from its last successful fingerprinted poll), or nil.
    public func ledger(of source: SourceAccountID) -> FingerprintLedger? {
        ledgersBySource[source]
    }

    /// The number of mappings across all sources.
    public var mappingCount: Int {
        mappingsBySource.values.reduce(0) { $0 + $1.recordsByExternalId.count }
    }

    /// Whether `owner` has a live source named `name` (exact match).
    public func hasSource(owner: UserID, named name: String) -> Bool {
        sourceIDByOwnerAndName[OwnerAndSourceName(owner: owner, sourceName: name)] != nil
    }

    /// Whether `id` was ever added to this state (and so must not be issued again).
    public func hasIssued(_ id: SourceAccountID) -> Bool {
        issuedSourceIDs.contains(id)
    }
}

extension SyncState {
    /// An owner together with one of their source names: the key of the uniqueness index.
    ///
    /// Names compare exactly, as Swift `String`s (interpretation 8, Scenarios/README.md): no trimming or case folding.
    struct OwnerAndSourceName: Sendable, Hashable {
        var owner: UserID
        var sourceName: String
    }

    /// The mappings of one source, in first-record order.
    ///
    /// Mappings are never removed one by one (the spec has no such action; a disconnect drops the
    /// whole value), so an append-only order array stays in step with the dictionary.
    struct SourceMappings: Sendable, Hashable {
        /// External ids in the order their first `recordInternalSync` happened.
        var externalIdsInRecordOrder: [String] = []
        /// The mapping of each external id.
        var recordsByExternalId: [String: ExternalAssignmentRecord] = [:]

        /// Creates or overwrites the mapping of `record.externalId`, and returns it as stored.
        ///
        /// An overwrite keeps the first record's spelling of the externalId: two spellings that
        /// Swift's `String` calls equal (canonically equivalent Unicode) name one mapping, and a
        /// durable store keys its row by the spelling it saw first.
        @discardableResult
        mutating func upsert(_ record: ExternalAssignmentRecord) -> ExternalAssignmentRecord {
            guard let index = recordsByExternalId.index(forKey: record.externalId) else {
                recordsByExternalId[record.externalId] = record
                externalIdsInRecordOrder.append(record.externalId)
                return record
            }
            var stored = record
            stored.externalId = recordsByExternalId.keys[index]
            recordsByExternalId.values[index] = stored
            return stored
        }

        /// The mappings in first-record order.
        var recordsInRecordOrder: [ExternalAssignmentRecord] {
            externalIdsInRecordOrder.compactMap { recordsByExternalId[$0] }
        }
    }
}

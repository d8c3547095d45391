import KitPrimitives

/// One change a command made to a ``SyncState``: the delta a durable store writes.
///
/// The core names its own changes as it makes them (``SyncState/recordingChanges(_:)``), so a store
/// never diffs whole states: a command costs a store O(what it changed), not O(state). Commands that
/// fail, only ask for platform work, or only read (identifyChanges) change nothing and record nothing.
public enum SyncChange: Sendable, Hashable {
    /// `connectSource` added `account` (and issued its id, which is never issued again).
    case connected(ExternalSourceAccount)
    /// `disconnectSource` removed the account and every mapping of it.
    case disconnected(SourceAccountID)
    /// A successful poll set the account's `lastSuccessfulPoll`.
    case polled(SourceAccountID, lastSuccessfulPoll: Timestamp)
    /// `recordInternalSync` created or overwrote the mapping of (`record.source`, `record.externalId`).
    case recorded(ExternalAssignmentRecord)
    /// A successful fingerprinted poll changed the source's ``FingerprintLedger`` by `delta` (recorded
    /// after the poll's ``polled(_:lastSuccessfulPoll:)``; absent when nothing changed).
    case ledgerChanged(SourceAccountID, FingerprintLedger.Delta)
}

extension SyncChange: CustomStringConvertible {
    /// A one-line description; a connected account's token shows as `[REDACTED]`.
    public var description: String {
        switch self {
        case .connected(let account): "connected(\(account.id))"
        case .disconnected(let id): "disconnected(\(id))"
        case .polled(let id, let instant): "polled(\(id), \(instant))"
        case .recorded(let record): "recorded(\(record.source), \(String(reflecting: record.externalId)))"
        case .ledgerChanged(let id, let delta): "ledgerChanged(\(id), +\(delta.upserted.count) -\(delta.removed.count))"
        }
    }
}

extension SyncState {
    /// Runs `body` on this state and returns, with its result, every change it made, in order.
    ///
    /// A durable store wraps each ``SyncStore/withState(_:)`` body in it and writes exactly these
    /// changes in one transaction. `body` may apply any number of commands (a batch). Recording is
    /// off outside this call, so the in-memory store pays nothing for it.
    ///
    /// A body that assigns a whole new value (`state = other`) bypasses the commands; then `changes`
    /// is nil, and a durable store must save the whole state.
    ///
    /// ```swift
    /// let (effect, changes) = state.recordingChanges { $0.apply(.disconnectSource(id)) }
    /// // changes == [.disconnected(id)] when it succeeded, [] when it failed
    /// ```
    /// - Parameter body: Reads and changes the state.
    /// - Returns: What `body` returned, and the changes it made (nil: the state was replaced).
    public mutating func recordingChanges<Result>(
        _ body: (inout SyncState) -> Result
    ) -> (result: Result, changes: [SyncChange]?) {
        let outer = changeJournal
        changeJournal = []
        let result = body(&self)
        // A replaced state brought its own journal: nil, unless it was copied during this recording
        // (then its journal is the prefix of changes that led to it, which still describes it).
        let changes = changeJournal
        changeJournal = outer.flatMap { outer in changes.map { outer + $0 } }
        return (result, changes)
    }
}

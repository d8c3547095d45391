import KitPrimitives

/// An input to the pure concept core, ``SyncState/apply(_:)``.
///
/// Actions that need the platform are split in two steps, in the manner of async-http-client's
/// `HTTP1ConnectionStateMachine`: a `begin…` command checks the state and answers with an effect that
/// asks the shell to call the platform; the shell performs the call outside any lock, then feeds the
/// outcome back with a `finish…` command, which re-checks the state (it may have changed meanwhile)
/// and commits. Each command is applied atomically, so any interleaving of concurrent actions equals
/// some serial order of them.
///
/// Everything the core needs from the outside world arrives in a command: the platform's answer,
/// the current time (`now`) and fresh ids (`newID`). The core reads no clock and draws no randomness.
public enum SyncCommand: Sendable {
    /// Step 1 of `connectSource`: fails with `DuplicateSourceError` if the owner already has a source
    /// with this name (checked before credentials, so a duplicate makes no platform request, interpretation 1
    /// (Scenarios/README.md)); otherwise answers ``SyncEffect/validate(sourceType:details:)``.
    case beginConnect(ConnectRequest)

    /// Step 2 of `connectSource`: given the platform's verdict on the details and a fresh id, re-checks
    /// the name (a concurrent connect may have taken it), then adds the account with
    /// `lastSuccessfulPoll` nil and answers ``SyncEffect/connected(_:)``.
    case finishConnect(ConnectRequest, outcome: Result<Void, SyncError>, newID: SourceAccountID)

    /// `disconnectSource`: removes the account and every mapping of it.
    case disconnectSource(SourceAccountID)

    /// Step 1 of `pollExternalSource`: answers ``SyncEffect/fetch(sourceType:details:)`` with the
    /// account's platform and details, or fails with `SourceNotFound`.
    case beginPoll(SourceAccountID)

    /// Step 2 of `pollExternalSource`: on success sets `lastSuccessfulPoll` to `now` and answers the
    /// list with each externalId once; on failure changes nothing. `SourceNotFound` if the account was
    /// disconnected meanwhile.
    ///
    /// A ``FetchedAssignments/fingerprinted(_:)`` list is stamped from the source's
    /// ``FingerprintLedger`` at `now` (``FingerprintLedger/stamp(_:now:)``), and the new ledger is
    /// committed in the same transition as `lastSuccessfulPoll`, only on success.
    case finishPoll(SourceAccountID, outcome: Result<FetchedAssignments, SyncError>, now: Timestamp)

    /// `identifyChanges`: answers the new or changed assignments; changes no state.
    case identifyChanges(SourceAccountID, rawExternalAssignments: [RawExternalAssignment])

    /// `recordInternalSync`: creates or overwrites the mapping of (source, externalId).
    case recordInternalSync(
        SourceAccountID,
        externalId: String,
        internalId: AssignmentID,
        externalModificationTimestamp: Timestamp
    )
}

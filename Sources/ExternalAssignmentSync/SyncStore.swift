/// Where a ``SyncState`` lives: one atomic read-modify-write primitive and one read primitive.
///
/// The service never holds state itself; every command runs inside ``withState(_:)``, so commands
/// are serialized and each is all-or-nothing. Platform calls happen *between* two `withState` calls,
/// never inside one, so a slow platform never blocks other actions.
///
/// ## Contract
/// - `withState(_:)` gives `body` exclusive access to the current state; no other `withState` or
///   `readState` observes the state while `body` runs. When `body` returns, its changes are committed
///   (made durable, for a durable store) before the call returns. If the store cannot commit, it throws
///   and the state is as it was before `body` ran.
/// - `body` does not throw: the core validates before it mutates (``SyncState/apply(_:)``), so a
///   failed command is an ordinary return value that changed nothing. This keeps the in-memory store
///   free of copy-for-rollback, which would cost O(state) per write.
/// - `readState(_:)` sees a committed state and cannot change it.
///
/// ## A durable store (later)
/// A SQLite store can keep a `SyncState` cache in memory as the authority for reads and run `body` on
/// it under a lock. Before returning it writes what the command changed (the effect names it:
/// ``SyncEffect/connected(_:)`` adds one account, `disconnectSource` deletes one account and its
/// mappings, `recordInternalSync` upserts one mapping, a successful poll updates one
/// `lastSuccessfulPoll`) in one transaction; if the transaction fails, it reloads the cache from the
/// database and throws. It must also keep `issuedSourceIDs`, so ids survive restarts unreused.
public protocol SyncStore: Sendable {
    /// Runs `body` with exclusive, mutable access to the state and commits its changes.
    /// - Parameter body: Reads and changes the state; returns a value to the caller.
    /// - Returns: What `body` returned.
    /// - Throws: A store failure (never one from `body`); then nothing was changed.
    func withState<Result: Sendable>(_ body: (inout SyncState) -> Result) async throws -> Result

    /// Runs `body` on the current committed state, read-only.
    /// - Parameter body: Reads the state; returns a value to the caller.
    /// - Returns: What `body` returned.
    /// - Throws: A store failure.
    func readState<Result: Sendable>(_ body: (SyncState) -> Result) async throws -> Result
}

import Synchronization

/// A ``SyncStore`` that keeps one ``SyncState`` in memory behind one `Mutex`.
///
/// Never throws. Bodies run synchronously under the lock and must be short (the core's commands
/// are O(1) per item); platform calls happen outside it.
///
/// ```swift
/// let store = InMemorySyncStore()
/// let effect = try await store.withState { $0.apply(.beginPoll("source-1")) }
/// ```
public final class InMemorySyncStore: SyncStore {
    private let state: Mutex<SyncState>

    /// Creates a store holding `initialState` (empty by default).
    public init(_ initialState: SyncState = SyncState()) {
        state = Mutex(initialState)
    }

    public func withState<Result: Sendable>(_ body: (inout SyncState) -> Result) async throws -> Result {
        state.withLock { body(&$0) }
    }

    public func readState<Result: Sendable>(_ body: (SyncState) -> Result) async throws -> Result {
        state.withLock { body($0) }
    }

    /// The current state, synchronously (for tests and snapshots).
    public var snapshot: SyncState {
        state.withLock { $0 }
    }
}

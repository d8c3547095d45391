import ConformanceKit
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Synchronization
import WireAdapter
import MutantGallery

/// How ``RestartableReferenceProvider`` keeps each case's state, and what a restart reopens.
///
/// For every case (or scenario) the storage makes a ``Slot``: its `open` runs when the reference
/// starts and again after every restart, `release` when the reference crashes (before the reopen),
/// and `cleanup` when the case ends.
///
/// ```swift
/// let durable = RestartableReferenceProvider(storage: .sqlite())        // a file per case, reopened
/// let forgetful = RestartableReferenceProvider(storage: .reopening { InMemorySyncStore() })  // loses everything
/// ```
public struct ReferenceStorage: Sendable {
    /// One case's state: how to open it, let go of it, and remove it.
    public struct Slot: Sendable {
        /// Opens the store (at the start, and after each restart).
        public var open: @Sendable () throws -> any SyncStore
        /// Lets go of a store when the reference crashes (what the process dying does to its files).
        public var release: @Sendable (any SyncStore) -> Void
        /// Removes what the case left (files), once it ends.
        public var cleanup: @Sendable () -> Void

        public init(
            open: @escaping @Sendable () throws -> any SyncStore, release: @escaping @Sendable (any SyncStore) -> Void = { _ in },
            cleanup: @escaping @Sendable () -> Void = {}
        ) {
            self.open = open
            self.release = release
            self.cleanup = cleanup
        }
    }

    /// Makes the slot for a case.
    public var makeSlot: @Sendable (ScenarioContext) throws -> Slot
    /// A label for reports (`memory`, `sqlite`).
    public var label: String

    public init(label: String, makeSlot: @escaping @Sendable (ScenarioContext) throws -> Slot) {
        self.label = label
        self.makeSlot = makeSlot
    }

    /// One ``InMemorySyncStore`` per case that outlives restarts (as if memory were durable): a
    /// restart then exercises only the service around the store.
    public static var memory: ReferenceStorage {
        ReferenceStorage(label: "memory") { _ in
            let store = InMemorySyncStore()
            return Slot(open: { store })
        }
    }

    /// A new SQLite file per case under `directory` (a temporary one by default), closed at each
    /// crash and reopened, and deleted (with its WAL file) when the case ends.
    public static func sqlite(
        directory: String? = nil, durability: SQLiteSyncStore.Options.Durability = .normal
    ) -> ReferenceStorage {
        let files = FileCounter()
        let root = directory ?? (NSTemporaryDirectory() + "eas-reference-\(ProcessInfo.processInfo.processIdentifier)")
        return ReferenceStorage(label: "sqlite") { context in
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let path = "\(root)/case-\(StableHash.hex(context.seed))-\(files.next()).sqlite"
            return Slot(
                open: { try SQLiteSyncStore(path: path, options: .init(durability: durability)) },
                release: { try? ($0 as? SQLiteSyncStore)?.close() },
                cleanup: { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) } })
        }
    }

    /// A store from `open` at the start and after every restart, with nothing carried over: what a
    /// store that is not durable does (the checker must then report what the restart lost).
    public static func reopening(label: String = "reopened", _ open: @escaping @Sendable () throws -> any SyncStore) -> ReferenceStorage {
        ReferenceStorage(label: label) { _ in Slot(open: open) }
    }
}

/// Numbers files, so re-runs of one case (shrinking) never meet an earlier file.
final class FileCounter: Sendable {
    private let count = Atomic(0)

    func next() -> Int { count.add(1, ordering: .relaxed).newValue }
}

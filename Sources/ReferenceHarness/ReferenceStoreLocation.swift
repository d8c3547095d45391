import ConformanceKit
import ExternalAssignmentSync
import WireAdapter
import MutantGallery

/// Where the reference keeps its state: the value of `conformance serve --store`.
///
/// | text | store |
/// |---|---|
/// | `memory` (the default) | ``InMemorySyncStore``: lost when the process exits |
/// | `sqlite:PATH` | ``SQLiteSyncStore`` at `PATH` (created if missing; its directory must exist) |
///
/// ```swift
/// let location = try ReferenceStoreLocation(parsing: "sqlite:/tmp/eas.sqlite")
/// let store = try location.open()
/// ```
public enum ReferenceStoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// In memory.
    case memory
    /// A SQLite database file.
    case sqlite(path: String, durability: SQLiteSyncStore.Options.Durability = .full)

    /// Why a `--store` value was refused.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The refused text.
        public var text: String
        public var description: String {
            "'\(text)' is not a store: use memory or sqlite:PATH (e.g. sqlite:/var/lib/eas/state.sqlite)"
        }
    }

    /// Reads `memory` or `sqlite:PATH`.
    /// - Throws: ``ParseError`` for anything else, and for `sqlite:` without a path.
    public init(parsing text: String) throws(ParseError) {
        if text == "memory" {
            self = .memory
        } else if text.hasPrefix("sqlite:"), text.count > "sqlite:".count {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            throw ParseError(text: text)
        }
    }

    /// `memory` or `sqlite:PATH`: the text ``init(parsing:)`` reads.
    public var description: String {
        switch self {
        case .memory: "memory"
        case .sqlite(let path, _): "sqlite:\(path)"
        }
    }

    /// Opens the store: a new empty one in memory, or the SQLite file with its saved state.
    /// - Throws: ``SQLiteStoreError`` when the file cannot be opened (locked, unreadable, damaged).
    public func open() throws(SQLiteStoreError) -> any SyncStore {
        switch self {
        case .memory: InMemorySyncStore()
        case .sqlite(let path, let durability): try SQLiteSyncStore(path: path, options: .init(durability: durability))
        }
    }
}

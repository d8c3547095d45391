import ConceptValues
import KitPrimitives
import Synchronization
import ConformanceKit
import PropertyChecker

/// The gallery mutant's concept state: its own compact tables, not the reference's `SyncState`.
package struct MutantState: Sendable {
    package struct Source: Sendable {
        var id: String
        var owner: String
        var sourceType: String
        var sourceName: String
        var details: ConnectionDetails
        var lastSuccessfulPoll: Timestamp?
        /// Disconnected but still listed (the `disconnectLeavesSourceListed` mutant).
        var listedAfterDisconnect = false
    }

    package struct Mapping: Sendable {
        var internalId: String
        var timestamp: Timestamp
    }

    package var sources: [Source] = []
    /// Mappings by source id, each in first-record order.
    package var mappings: [String: [(externalId: String, mapping: Mapping)]] = [:]
    /// Mappings of disconnected sources by owner and name (the `reconnectResurrectsMappings` mutant).
    package var graveyard: [String: [(externalId: String, mapping: Mapping)]] = [:]
    package var issued = 0
    /// GitHub Classroom sources: what the last successful poll returned, by source id and externalId
    /// (dropped at disconnect).
    package var ledgers: [String: [String: RawExternalAssignment]] = [:]

    /// The connected source with `id`.
    package func source(_ id: String) -> Source? {
        sources.first { $0.id == id && !$0.listedAfterDisconnect }
    }

    /// Whether mappings are keyed by externalId alone (the `mappingsKeyedByExternalIdOnly` mutant).
    package var globalKeys = false
    /// Whether a record always appends a row (the `recordAppendsDuplicateMapping` mutant).
    package var appendOnly = false

    package func mapping(_ id: String, _ externalId: String) -> Mapping? {
        if globalKeys {
            return mappings.keys.sorted().lazy.compactMap { mappings[$0]?.first { $0.externalId == externalId }?.mapping }.first
        }
        return mappings[id]?.first { $0.externalId == externalId }?.mapping
    }

    package mutating func record(_ id: String, _ externalId: String, _ mapping: Mapping) {
        if globalKeys {
            for other in mappings.keys where other != id { mappings[other]?.removeAll { $0.externalId == externalId } }
        }
        var list = mappings[id] ?? []
        if !appendOnly, let index = list.firstIndex(where: { $0.externalId == externalId }) {
            list[index].mapping = mapping
        } else {
            list.append((externalId, mapping))
        }
        mappings[id] = list
    }
}

/// The mutant's state behind a lock (a reference type, so the implementation value can be shared).
package final class MutantStore: Sendable {
    private let state = Mutex(MutantState())

    package func withState<T: Sendable>(_ body: (inout MutantState) -> T) -> T {
        state.withLock { body(&$0) }
    }
}

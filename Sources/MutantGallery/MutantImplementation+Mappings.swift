import ConceptValues
import KitPrimitives
import ConformanceKit
import PropertyChecker

extension MutantImplementation {
    /// `identifyChanges`: newest occurrence per externalId, reported when new or strictly newer.
    package func identify(_ id: String, _ raw: [RawExternalAssignment]) -> ConceptResult {
        store.withState { state in
            let known = state.source(id) != nil
            guard known || bug == .identifyUnknownSourceAllNew else { return Self.error("SourceNotFound", "no source \(id)") }
            var order: [String] = []
            var newest: [String: RawExternalAssignment] = [:]
            for item in raw {
                if let current = newest[item.externalId] {
                    if item.externalModificationTimestamp > current.externalModificationTimestamp { newest[item.externalId] = item }
                } else {
                    order.append(item.externalId)
                    newest[item.externalId] = item
                }
            }
            var changes: [AssignmentToProcess] = []
            for externalId in order {
                let item = newest[externalId]!
                let mapping = known ? state.mapping(id, externalId) : nil
                if let mapping, !isNewer(item.externalModificationTimestamp, than: mapping.timestamp) { continue }
                let existing = bug == .existingInternalIdDropped ? nil : mapping.map { AssignmentID($0.internalId) }
                changes.append(AssignmentToProcess(item, existingInternalId: existing))
                if bug == .identifyChangesRecords, known {
                    state.record(id, externalId, .init(internalId: mapping?.internalId ?? "auto-\(externalId)", timestamp: item.externalModificationTimestamp))
                }
            }
            return .assignmentsToProcess(changes)
        }
    }

    /// Whether `incoming` counts as newer than `recorded` (instants, `>`; or the bug's comparison).
    package func isNewer(_ incoming: Timestamp, than recorded: Timestamp) -> Bool {
        switch bug {
        case .timestampsGreaterOrEqual: incoming >= recorded
        case .timestampsComparedAsText: incoming.asWritten > recorded.asWritten
        default: incoming > recorded
        }
    }

    /// `recordInternalSync`: creates or overwrites the mapping, in one step under the lock (or, for
    /// the race bugs, in two with a store round trip between).
    package func record(_ id: String, _ externalId: String, _ internalId: String, _ stamp: Timestamp) async -> ConceptResult {
        switch bug {
        case .recordFindThenInsert:
            let found = store.withState { $0.source(id) == nil ? nil : $0.mapping(id, externalId) != nil }
            guard let found else { return Self.error("SourceNotFound", "no source \(id)") }
            await Self.storeRoundTrip()
            return store.withState { state in
                guard state.source(id) != nil else { return Self.error("SourceNotFound", "no source \(id)") }
                if found {
                    state.record(id, externalId, .init(internalId: internalId, timestamp: stamp))
                } else {
                    state.mappings[id, default: []].append((externalId, .init(internalId: internalId, timestamp: stamp)))
                }
                return .empty
            }
        case .recordRacesDisconnect:
            guard store.withState({ $0.source(id) != nil }) else { return Self.error("SourceNotFound", "no source \(id)") }
            await Self.storeRoundTrip()
            return store.withState { state in
                state.record(id, externalId, .init(internalId: internalId, timestamp: stamp))
                return .empty
            }
        default:
            return store.withState { state in
                guard state.source(id) != nil || bug == .recordUnknownSourceOrphan else { return Self.error("SourceNotFound", "no source \(id)") }
                var timestamp = stamp
                if bug == .recordKeepsNewerTimestamp, let old = state.mapping(id, externalId), old.timestamp > stamp { timestamp = old.timestamp }
                state.record(id, externalId, .init(internalId: internalId, timestamp: timestamp))
                return .empty
            }
        }
    }

    package func sources(of user: String) -> ConceptResult {
        store.withState { state in
            .sources(state.sources.filter { $0.owner == user || bug == .sourcesOfAllOwners }.map { source in
                var baseUrl = source.details.baseUrl
                if bug == .tokenInSources { baseUrl += "?access_token=" + source.details.apiToken }
                return SourceView(
                    id: source.id, owner: source.owner, sourceType: source.sourceType, sourceName: source.sourceName, baseUrl: baseUrl,
                    lastSuccessfulPoll: source.lastSuccessfulPoll.map(SourceView.PollStamp.at) ?? .never)
            })
        }
    }

    package func mappedInternalId(_ externalId: String, _ id: String) -> ConceptResult {
        store.withState { state in
            guard let mapping = state.mapping(id, externalId) else {
                return Self.queryError("External assignment with ID '\(externalId)' not found for source '\(id)'")
            }
            return .internalId(mapping.internalId)
        }
    }

    package func assignments(_ id: String) -> ConceptResult {
        store.withState { state in
            guard state.source(id) != nil else { return Self.queryError("Source account not found") }
            return .assignments((state.mappings[id] ?? []).map {
                MappingView(externalId: $0.externalId, internalAssignment: $0.mapping.internalId, lastExternalModificationTimestamp: $0.mapping.timestamp, source: id)
            })
        }
    }
}

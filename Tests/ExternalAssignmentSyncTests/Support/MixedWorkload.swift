import ExternalAssignmentSync
import Testing

/// The mixed workload both concurrency suites run (on the memory store and on SQLite): four sync
/// cycles on every source at once, while the first half of the sources are disconnected.
struct MixedWorkload {
    let sources: [SourceAccountID]

    /// The sources disconnected during the run.
    var doomed: Set<SourceAccountID> { Set(sources.prefix(sources.count / 2)) }

    /// Runs the sync cycles and the disconnects concurrently on `service`.
    func run(on service: SyncService) async {
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                for worker in 0..<4 {
                    group.addTask { await Self.syncOnce(service, source, worker: worker) }
                }
                if doomed.contains(source) {
                    group.addTask { try? await service.disconnectSource(sourceAccount: source) }
                }
            }
        }
    }

    /// Checks the state afterwards: a disconnected source is gone with its mappings; every other
    /// holds one mapping for each of the platform's `assignments`.
    func expectOutcome(in state: SyncState, assignments: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for source in sources {
            if doomed.contains(source) {
                #expect(state.source(source) == nil, sourceLocation: sourceLocation)
                #expect(state._getAssignmentsForSource(source) == .failure(.sourceAccountNotFound), sourceLocation: sourceLocation)
            } else {
                #expect(try state._getAssignmentsForSource(source).get().count == assignments, sourceLocation: sourceLocation)
            }
        }
    }

    /// One application sync cycle: poll, identify, record everything identified.
    static func syncOnce(_ service: SyncService, _ source: SourceAccountID, worker: Int) async {
        guard let raw = try? await service.pollExternalSource(sourceAccount: source),
            let changes = try? await service.identifyChanges(sourceAccount: source, rawExternalAssignments: raw)
        else { return }
        for change in changes {
            try? await service.recordInternalSync(
                sourceAccount: source, externalId: change.externalId,
                internalId: change.existingInternalId ?? AssignmentID("\(source)/\(change.externalId)/\(worker)"),
                externalModificationTimestamp: change.externalModificationTimestamp)
        }
    }
}

import ConceptValues
import KitPrimitives
import MockCanvas
import ConformanceKit

extension CaseRunner {
    /// The principle's loop for one source, as an application runs it: poll; on
    /// `SourceConnectionError` disconnect; otherwise identifyChanges, then for each item create an
    /// internal assignment (or update the mapped one) and recordInternalSync.
    ///
    /// With `crashAfter: n` the application crashes right after creating its n-th new internal
    /// assignment, before recording it: the concept never learns of it.
    package mutating func sync(_ id: String, crashAfter: Int?) async {
        guard let token = model.source(id)?.token else { return }
        guard let polled = await call(.pollExternalSource(sourceAccount: id), token: token) else { return }
        let raw: [RawExternalAssignment]
        switch polled {
        case .rawExternalAssignments(let list):
            raw = list
        case .error(let error) where error.name == "SourceConnectionError":
            history.append(step: step, .note("the application disconnects the source (SourceConnectionError)"))
            await call(.disconnectSource(sourceAccount: id))
            return
        default:
            return
        }
        guard case .assignmentsToProcess(let items)? = await call(.identifyChanges(sourceAccount: id, rawExternalAssignments: raw)) else {
            return
        }
        let recordedElsewhere = model.source(id)?.recordedOutsideApplication ?? true
        var created = 0
        for item in items {
            let internalId: String
            if let existing = item.existingInternalId?.rawValue {
                if !application.update(existing, details: item.details), !recordedElsewhere {
                    fail(
                        .unknownInternalId, call: "identifyChanges(\(id))",
                        mismatch: Mismatch(
                            path: "assignmentsToProcess[externalId=\(item.externalId)].existingInternalId",
                            expected: "an internal assignment the application created", actual: existing),
                        clauses: ["identifyChanges.effects.existing-id"])
                    return
                }
                internalId = existing
            } else {
                internalId = application.create(source: id, item: item)
                noteRecreation(source: id, externalId: item.externalId)
                created += 1
                if created == crashAfter {
                    application.markOrphanedByCrash(internalId)
                    history.append(step: step, .note("the application crashed after creating \(internalId) for \(item.externalId), before recording it"))
                    return
                }
            }
            let recorded = await call(.recordInternalSync(
                sourceAccount: id, externalId: item.externalId, internalId: internalId,
                externalModificationTimestamp: item.externalModificationTimestamp))
            if recorded == nil { return }
        }
    }

    /// Reports a reconnect re-creating an internal assignment the application made under an earlier source.
    package mutating func noteRecreation(source id: String, externalId: String) {
        guard let earlier = model.source(id)?.earlierIDs, !earlier.isEmpty else { return }
        if earlier.contains(where: { !application.assignments(source: $0, externalId: externalId).isEmpty }) {
            report(Finding.reconnectRecreates, example: "after reconnecting as \(id), externalId \(externalId) got a second internal assignment")
        }
    }

    /// The application-level invariants after a full sync: for each connected, application-only
    /// source, exactly one internal assignment per live external assignment, with current details.
    /// Duplicates that come from a crash, and staleness from an edit in the recorded instant, are
    /// findings about the spec, not failures.
    package mutating func checkApplication() {
        for source in model.sources where !source.recordedOutsideApplication {
            guard let visible = model.expectedPoll(of: source.id, token: source.token, on: platform) else { continue }
            for item in visible {
                let linked = application.assignments(source: source.id, externalId: item.externalId)
                let call = "application list for \(source.id), externalId \(item.externalId)"
                if linked.isEmpty {
                    fail(
                        .applicationMissing, call: call,
                        mismatch: Mismatch(path: "", expected: "one internal assignment after a full sync", actual: "none"),
                        clauses: ["principle.update", "interp.poll-complete"])
                    return
                }
                if linked.count > 1 {
                    if linked.contains(where: \.orphanedByCrash) {
                        report(
                            Finding.crashBetweenCreateAndRecord,
                            example: "externalId \(item.externalId) of \(source.id) has internal assignments \(linked.map(\.id).joined(separator: ", "))")
                    } else {
                        fail(
                            .applicationDuplicate, call: call,
                            mismatch: Mismatch(path: "", expected: "exactly one internal assignment", actual: linked.map(\.id).joined(separator: ", ")),
                            clauses: ["principle.update", "identifyChanges.effects.existing-id"])
                        return
                    }
                }
                let current = linked.last { !$0.orphanedByCrash } ?? linked[linked.count - 1]
                guard current.details != item.details else { continue }
                if source.mappings[item.externalId]?.timestamp == item.externalModificationTimestamp {
                    report(
                        Finding.sameInstantEdit,
                        example: "externalId \(item.externalId) changed at \(item.externalModificationTimestamp.rfc3339()), the instant already recorded")
                } else {
                    fail(
                        .applicationStale, call: call,
                        mismatch: Mismatch(path: "details", expected: "\(item.details)", actual: "\(current.details)"),
                        clauses: ["principle.update", "identifyChanges.effects.newer"])
                    return
                }
            }
            let orphans = source.mappings.keys.filter { key in !visible.contains { $0.externalId == key } }.sorted()
            if let first = orphans.first {
                report(Finding.orphanedMappings, example: "\(source.id) keeps the mapping of \(first), no longer on the platform")
            }
        }
    }
}

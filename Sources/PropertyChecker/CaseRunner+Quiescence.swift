import ConceptValues
import MockCanvas
import ConformanceKit

extension CaseRunner {
    /// The heal-and-quiesce phase (Jepsen's final generator, VOPR's liveness mode): faults off, one
    /// clean sync of every connected source, then a second poll whose changes must be empty, then
    /// the application-level invariants and a last probe.
    package mutating func healAndQuiesce() async {
        phase = .quiescence
        step = 0
        history.append(step: 0, .note("heal and quiesce"))
        platform.clearFaults()
        history.append(step: 0, .clearFaults)
        for id in model.sources.map(\.id) {
            await sync(id, crashAfter: nil)
            if violation != nil { return }
        }
        checkingQuiescence = true
        defer { checkingQuiescence = false }
        for source in model.sources {
            guard case .rawExternalAssignments(let raw)? = await call(.pollExternalSource(sourceAccount: source.id), token: source.token) else {
                if violation != nil { return }
                continue
            }
            guard case .assignmentsToProcess(let changes)? = await call(.identifyChanges(sourceAccount: source.id, rawExternalAssignments: raw)) else {
                return
            }
            if !changes.isEmpty {
                fail(
                    .notQuiescent, call: "identifyChanges(\(source.id)) after a full sync",
                    mismatch: Mismatch(path: "assignmentsToProcess", expected: "[]", actual: changes.map(\.externalId).joined(separator: ", ")),
                    clauses: ["principle.update", "identifyChanges.effects.newer"])
                return
            }
        }
        checkApplication()
        if violation != nil { return }
        await probe()
    }
}

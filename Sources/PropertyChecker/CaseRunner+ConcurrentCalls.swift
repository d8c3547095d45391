import ConceptValues
import ConformanceKit
import KitPrimitives

extension CaseRunner {
    /// The concept call a phase command stands for now, or nil when its reference resolves to nothing.
    package func concurrentCall(for command: CheckerCommand) -> ConceptCall? {
        switch command {
        case .connect(let arguments):
            let details = ConnectionDetails(apiToken: resolve(arguments.token), baseUrl: arguments.reachable ? origin : FaultChoice.foreignOrigin)
            return .connectSource(
                owner: owners[arguments.owner % owners.count], sourceType: arguments.supportedType ? model.supportedSourceType : "Moodle",
                sourceName: CheckerWorld.sourceNames[arguments.name % CheckerWorld.sourceNames.count], details: details)
        case .disconnect(let ref): return resolve(ref).map { .disconnectSource(sourceAccount: $0) }
        case .poll(let ref): return resolve(ref).map { .pollExternalSource(sourceAccount: $0) }
        case .identify(let ref, let input):
            return resolve(ref).map { .identifyChanges(sourceAccount: $0, rawExternalAssignments: identifyList(input, source: $0)) }
        case .record(let ref, let assignment, let number, let shift):
            guard let id = resolve(ref) else { return nil }
            let externalId = knownExternalId(assignment, source: id)
            let stamp = referenceInstant(externalId, source: id).advanced(by: .milliseconds(shift.milliseconds))
            return .recordInternalSync(sourceAccount: id, externalId: externalId, internalId: "manual-\(number)", externalModificationTimestamp: stamp)
        case .getSources(let owner): return .getSourcesForUser(user: owners[owner % owners.count])
        case .getMapped(let ref, let assignment):
            return resolve(ref).map { .getMappedInternalId(externalId: knownExternalId(assignment, source: $0), sourceAccount: $0) }
        case .getAssignments(let ref): return resolve(ref).map { .getAssignmentsForSource(sourceAccount: $0) }
        default: return nil
        }
    }

    /// Each client's first call, then each one's second, and so on.
    package func roundRobin(_ clients: [[ConceptCall]]) -> [ConceptCall] {
        (0..<(clients.map(\.count).max() ?? 0)).flatMap { position in clients.compactMap { position < $0.count ? $0[position] : nil } }
    }

    /// Runs each client's calls in order, every client at once (started in client order, back to
    /// back, by a ``StartGate``), ticking the shared clock around each call.
    package static func runClients(_ clients: [[ConceptCall]], on implementation: any ImplementationUnderTest) async -> [ConcurrentCall] {
        let clock = PhaseClock()
        let gate = StartGate()
        let calls = await withTaskGroup(of: [ConcurrentCall].self) { group in
            for (client, calls) in clients.enumerated() {
                group.addTask {
                    await gate.start(client)
                    var out: [ConcurrentCall] = []
                    for (position, call) in calls.enumerated() {
                        let invoked = clock.tick()
                        let outcome: ConcurrentCall.Outcome
                        switch await implementation.perform(call) {
                        case .success(let result): outcome = .answered(result)
                        case .failure(let error): outcome = .unanswered(error)
                        }
                        out.append(ConcurrentCall(client: client, position: position, call: call, outcome: outcome, invoked: invoked, completed: clock.tick()))
                    }
                    return out
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        return calls.sorted { $0.invoked < $1.invoked }
    }
}

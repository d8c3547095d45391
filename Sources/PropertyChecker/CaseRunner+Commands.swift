import ConceptValues
import KitPrimitives
import MockCanvas
import MockServerCore
import ConformanceKit

extension CaseRunner {
    /// Runs one command; returns whether it called the implementation (the invariants then run).
    package mutating func execute(_ command: CheckerCommand) async -> Bool {
        switch command {
        case .connect(let arguments):
            let token = resolve(arguments.token)
            let details = ConnectionDetails(apiToken: token, baseUrl: arguments.reachable ? origin : FaultChoice.foreignOrigin)
            let call = ConceptCall.connectSource(
                owner: owners[arguments.owner % owners.count],
                sourceType: arguments.supportedType ? model.supportedSourceType : "Moodle",
                sourceName: CheckerWorld.sourceNames[arguments.name % CheckerWorld.sourceNames.count], details: details)
            begin(command)
            await self.call(call, token: token, reachable: arguments.reachable)
        case .disconnect(let ref):
            guard let id = resolve(ref) else { return skip(command) }
            begin(command)
            await call(.disconnectSource(sourceAccount: id))
        case .poll(let ref):
            guard let id = resolve(ref) else { return skip(command) }
            begin(command)
            await call(.pollExternalSource(sourceAccount: id), token: model.source(id)?.token)
        case .identify(let ref, let input):
            guard let id = resolve(ref) else { return skip(command) }
            begin(command)
            await call(.identifyChanges(sourceAccount: id, rawExternalAssignments: identifyList(input, source: id)))
        case .record(let ref, let assignment, let number, let shift):
            guard let id = resolve(ref) else { return skip(command) }
            let externalId = knownExternalId(assignment, source: id)
            let stamp = referenceInstant(externalId, source: id).advanced(by: .milliseconds(shift.milliseconds))
            begin(command)
            let result = await call(.recordInternalSync(
                sourceAccount: id, externalId: externalId, internalId: "manual-\(number)", externalModificationTimestamp: stamp))
            if result == .empty { model.markRecordedOutsideApplication(id) }
        case .getSources(let owner):
            begin(command)
            await call(.getSourcesForUser(user: owners[owner % owners.count]))
        case .getMapped(let ref, let assignment):
            guard let id = resolve(ref) else { return skip(command) }
            begin(command)
            await call(.getMappedInternalId(externalId: knownExternalId(assignment, source: id), sourceAccount: id))
        case .getAssignments(let ref):
            guard let id = resolve(ref) else { return skip(command) }
            begin(command)
            await call(.getAssignmentsForSource(sourceAccount: id))
        case .sync(let ref, let crashAfter):
            guard case .connected = ref, let id = resolve(ref) else { return skip(command) }
            begin(command)
            await sync(id, crashAfter: crashAfter)
        case .concurrently(let lanes):
            return await runConcurrently(lanes, command: command)
        case .restart:
            guard let restartable = implementation as? any RestartableImplementation else { return skip(command) }
            begin(command)
            await restart(restartable)
            return false
        case .advanceClock(let milliseconds):
            begin(command)
            try? platform.advanceClock(seconds: Double(milliseconds) / 1000)
            history.append(step: step, .clock(milliseconds: milliseconds))
            return false
        case .fault(let plan):
            let rules = faultRules(plan)
            guard !rules.isEmpty else { return skip(command) }
            begin(command)
            do {
                try platform.installFaults(rules)
                history.append(step: step, .faults(rules))
            } catch {
                history.append(step: step, .note("fault not installed: \(error.message)"))
            }
            return false
        default:
            guard let change = platformChange(command) else { return skip(command) }
            begin(command)
            do {
                try platform.apply(change)
                history.append(step: step, .canvas(change))
            } catch {
                history.append(step: step, .note("platform refused \(change.name): \(error.message)"))
            }
            return false
        }
        return true
    }

    package mutating func begin(_ command: CheckerCommand) {
        commandsRun += 1
        history.append(step: step, .command(command.description, skipped: false))
    }

    package mutating func skip(_ command: CheckerCommand) -> Bool {
        commandsSkipped += 1
        history.append(step: step, .command(command.description, skipped: true))
        return false
    }

    // MARK: - Resolving symbolic references

    /// The id a source reference stands for now, or nil when there is none.
    package func resolve(_ ref: SourceRef) -> String? {
        switch ref {
        case .connected(let k): model.sources.isEmpty ? nil : model.sources[k % model.sources.count].id
        case .disconnected(let k): model.disconnected.isEmpty ? nil : model.disconnected[k % model.disconnected.count].id
        case .unknown: "unknown-source"
        }
    }

    /// The token a reference stands for (bogus: one the platform never issued).
    package func resolve(_ ref: TokenRef) -> String {
        switch ref {
        case .issued(let k):
            let tokens = canvas.world.users.flatMap(\.tokens).map(\.token)
            return tokens.isEmpty ? plan.world.bogusToken : tokens[k % tokens.count]
        case .bogus:
            return plan.world.bogusToken
        }
    }

    /// Every assignment id the platform knows (deleted ones too), in id order, and one it never had.
    package var knownExternalIds: [String] {
        canvas.world.courses.flatMap(\.assignments).map(\.id).sorted().map { String($0) } + ["x-unknown"]
    }

    /// The externalId an assignment reference stands for: for even indices one the source has a
    /// mapping for (when it has any), else any the platform knows.
    package func knownExternalId(_ ref: AssignmentRef, source: String? = nil) -> String {
        if ref.unmapped, let mappings = source.flatMap({ model.source($0)?.mappings }) {
            let fresh = knownExternalIds.filter { mappings[$0] == nil }
            if !fresh.isEmpty { return fresh[ref.index % fresh.count] }
        }
        if ref.index % 2 == 0, let mapped = source.flatMap({ model.source($0)?.mappings.keys.sorted() }), !mapped.isEmpty {
            return mapped[(ref.index / 2) % mapped.count]
        }
        let ids = knownExternalIds
        return ids[ref.index % ids.count]
    }

    /// The instant a `recordInternalSync` shifts from: the platform's `updated_at` (on GitHub
    /// Classroom, the stamp the source's last successful poll gave it), else the recorded timestamp,
    /// else now.
    package func referenceInstant(_ externalId: String, source: String) -> Timestamp {
        if model.stampsByFingerprint {
            return model.ledger(of: source).entries[externalId]?.modifiedAt ?? model.source(source)?.mappings[externalId]?.timestamp ?? platform.now
        }
        if let id = Int64(externalId), let assignment = canvas.world.courses.flatMap(\.assignments).first(where: { $0.id == id }),
            let updated = assignment.updatedAt
        {
            return updated
        }
        return model.source(source)?.mappings[externalId]?.timestamp ?? platform.now
    }
}

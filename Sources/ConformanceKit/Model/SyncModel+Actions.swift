import ConceptValues
import KitPrimitives

extension SyncModel {
    /// `connectSource`: the duplicate name first (interpretation 1, Scenarios/README.md), then an unsupported type (interpretation 15),
    /// then the platform's answer (credentials, reachability, faults).
    package func expectConnect(owner: String, sourceType: String, sourceName: String, platform: PlatformContext) -> Expectation {
        let fresh = ExpectedSuccess.newSource(notIn: Set(issuedIDs))
        let faultErrors = platform.firedFaults.flatMap(FaultErrorTable.connectErrors)
        let duplicate = sources.contains { $0.owner == owner && $0.sourceName == sourceName }
        if sourceType != supportedSourceType {
            return Expectation(
                errors: .anyAction, clauses: ["interp.unspecified-errors"],
                rule: "an unsupported sourceType: an error, and no state change")
        }
        if duplicate {
            // An implementation that asks the platform before checking the name may report what the
            // platform said instead (the order is SHOULD-level, interpretation 1).
            var others = faultErrors
            if platform.visibleBefore == nil || platform.visibleAfter == nil { others.append("InvalidCredentialsError") }
            if !platform.reachable { others.append("NetworkError") }
            let level: ScenarioLevel = others.isEmpty ? .must : .should
            return Expectation(
                errors: ExpectedErrors.action(["DuplicateSourceError"], level: level).adding(others),
                clauses: ["connectSource.error.DuplicateSourceError", "connectSource.requires.unique-name", "interp.name-unique-per-owner"],
                rule: "the owner already has a source named \"\(sourceName)\"")
        }
        if !platform.reachable {
            return Expectation(
                errors: .action(["NetworkError"], level: .must), clauses: ["connectSource.error.NetworkError", "interp.error-classes.connect"],
                rule: "nothing answers at the base URL")
        }
        if platform.visibleBefore == nil {
            return Expectation(
                errors: ExpectedErrors.action(["InvalidCredentialsError"], level: .must).adding(faultErrors),
                clauses: ["connectSource.error.InvalidCredentialsError", "connectSource.requires.valid-details"],
                rule: "the token is unknown, revoked or expired")
        }
        var errors = ExpectedErrors.none.adding(faultErrors)
        var success: ExpectedSuccess? = fresh
        // A fault in the call's window does not rule a success out: the fault may have hit a request
        // an earlier call left in flight (interpretation 14 allows the mapped error or a correct result).
        if platform.visibleAfter == nil {
            errors = errors.adding(["InvalidCredentialsError"])
            success = nil
        }
        if errors == .none {
            return Expectation(
                success: fresh, clauses: ["connectSource.effects.new-id", "connectSource.effects.stored", "connectSource.effects.poll-null"],
                rule: "valid details and a healthy platform")
        }
        return Expectation(
            success: success, errors: errors, clauses: ["interp.transient-faults", "interp.error-classes.connect"],
            rule: "faults hit the platform requests (\(platform.firedFaults.joined(separator: ", ")))")
    }

    package func expectDisconnect(_ id: String) -> Expectation {
        guard source(id) != nil else {
            return Expectation(
                errors: .action(["SourceNotFound"], level: .must), clauses: ["disconnectSource.error.SourceNotFound"],
                rule: "no connected source has this id")
        }
        return Expectation(
            success: .empty, clauses: ["disconnectSource.effects.removed", "disconnectSource.effects.mappings-removed"],
            rule: "a connected source")
    }

    /// `pollExternalSource`: the complete list the token sees (interpretation 5), or the error the platform's
    /// answer maps to (interpretation 6), or either after a transient fault (interpretation 14), whether or not the journal
    /// shows the faulted request repeated: a partial list is never allowed.
    package func expectPoll(_ id: String, platform: PlatformContext) -> Expectation {
        guard let source = source(id) else { return unknownSource(action: "pollExternalSource") }
        let faultErrors = platform.firedFaults.flatMap(FaultErrorTable.pollErrors)
        guard let before = platform.visibleBefore else {
            return Expectation(
                errors: ExpectedErrors.action(["SourceConnectionError"], level: .must).adding(faultErrors),
                clauses: ["pollExternalSource.error.SourceConnectionError", "interp.error-classes.poll"],
                rule: "the source's token is revoked, expired or unknown")
        }
        var errors = ExpectedErrors.none.adding(faultErrors)
        var success: ExpectedSuccess?
        if let after = platform.visibleAfter {
            // Complete and correct is allowed even when no clean retry of a faulted request shows in
            // the journal: requests a previous call left in flight (a failed Promise.all's siblings,
            // a cancelled task group's children) arrive in this call's window and can take its fault.
            var list = PlatformListExpectation.between(before, after)
            list.ownClockLedger = ownClockLedger(of: source)
            success = .rawAssignments(list)
        } else {
            errors = errors.adding(["SourceConnectionError"])
        }
        if errors == .none {
            return Expectation(
                success: success,
                clauses: ["pollExternalSource.effects.retrieves", "pollExternalSource.effects.returns", "interp.poll-complete"],
                rule: "every assignment the token can see, each once")
        }
        return Expectation(
            success: success, errors: errors, clauses: ["interp.transient-faults", "interp.error-classes.poll", "interp.poll-complete"],
            rule: "faults hit the platform requests (\(platform.firedFaults.joined(separator: ", ")))")
    }

    /// `identifyChanges`: per externalId (the newest occurrence, interpretation 11), new or strictly newer than
    /// the mapping, as instants (interpretation 3); nothing changes.
    package func expectIdentify(_ id: String, _ raw: [RawExternalAssignment]) -> Expectation {
        guard let source = source(id) else { return unknownSource(action: "identifyChanges") }
        var newest: [String: [RawExternalAssignment]] = [:]
        var occurrences: [String: [RawExternalAssignment]] = [:]
        for item in raw {
            occurrences[item.externalId, default: []].append(item)
            guard let current = newest[item.externalId]?.first else {
                newest[item.externalId] = [item]
                continue
            }
            if item.externalModificationTimestamp > current.externalModificationTimestamp {
                newest[item.externalId] = [item]
            } else if item.externalModificationTimestamp == current.externalModificationTimestamp, !newest[item.externalId]!.contains(item) {
                newest[item.externalId]!.append(item)
            }
        }
        var expected: [String: [AssignmentToProcess]] = [:]
        var optional: [String: [AssignmentToProcess]] = [:]
        for (externalId, items) in newest {
            let mapping = source.mappings[externalId]
            if let mapping, mapping.timestamp >= items[0].externalModificationTimestamp { continue }
            let existing = mapping.map { AssignmentID($0.internalId) }
            let all = occurrences[externalId] ?? items
            if policy.enforcesShouldLevel || all.count == items.count {
                expected[externalId] = items.map { AssignmentToProcess($0, existingInternalId: existing) }
            } else {
                // interpretation 11 (the newest occurrence wins) is SHOULD: any occurrence newer than the
                // mapping may come back, once, or none if the implementation took an older one.
                let newer = all.filter { mapping == nil || $0.externalModificationTimestamp > mapping!.timestamp }
                optional[externalId] = newer.map { AssignmentToProcess($0, existingInternalId: existing) }
            }
        }
        return Expectation(
            success: .assignmentsToProcess(expected, optional: optional),
            clauses: [
                "identifyChanges.effects.new", "identifyChanges.effects.newer", "identifyChanges.effects.existing-id",
                "interp.timestamps-as-instants", "interp.identify-duplicate-ids",
            ],
            rule: "new externalIds, and those strictly newer than their mapping")
    }

    package func expectRecord(_ id: String) -> Expectation {
        guard source(id) != nil else { return unknownSource(action: "recordInternalSync") }
        return Expectation(
            success: .empty, clauses: ["recordInternalSync.effects.create", "recordInternalSync.effects.update", "interp.record-overwrites"],
            rule: "a connected source")
    }

    /// An action on a source that does not exist: `SourceNotFound` (the name SHOULD, interpretation 2) and no
    /// state change (MUST, checked by the invariants).
    package func unknownSource(action: String) -> Expectation {
        Expectation(
            errors: .action(["SourceNotFound"], level: .should),
            clauses: ["\(action).requires.exists", "interp.unknown-source-no-state-change", "interp.unknown-source-error-name"],
            rule: "no connected source has this id")
    }
}

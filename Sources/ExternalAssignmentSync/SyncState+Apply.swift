import KitPrimitives

extension SyncState {
    /// Applies one command atomically and says what happens next.
    ///
    /// A command that fails (``SyncEffect/failed(_:)``) or only asks for platform work
    /// (``SyncEffect/validate(sourceType:details:)``, ``SyncEffect/fetch(sourceType:details:)``)
    /// leaves the state unchanged.
    /// - Parameter command: The action or action step to apply.
    /// - Returns: The effect for the shell to carry out, or the action's result.
    @discardableResult
    public mutating func apply(_ command: SyncCommand) -> SyncEffect {
        switch command {
        case .beginConnect(let request):
            return beginConnect(request)
        case .finishConnect(let request, let outcome, let newID):
            return finishConnect(request, outcome: outcome, newID: newID)
        case .disconnectSource(let id):
            return disconnectSource(id)
        case .beginPoll(let id):
            return beginPoll(id)
        case .finishPoll(let id, let outcome, let now):
            return finishPoll(id, outcome: outcome, now: now)
        case .identifyChanges(let id, let rawExternalAssignments):
            switch identifyChanges(id, rawExternalAssignments: rawExternalAssignments) {
            case .success(let assignments): return .assignmentsToProcess(assignments)
            case .failure(let error): return .failed(error)
            }
        case .recordInternalSync(let id, let externalId, let internalId, let timestamp):
            return recordInternalSync(
                id,
                externalId: externalId,
                internalId: internalId,
                externalModificationTimestamp: timestamp
            )
        }
    }

    /// The new or changed assignments among `rawExternalAssignments`; changes no state.
    ///
    /// An assignment is included when `source` has no mapping for its externalId, or when the
    /// mapping's `lastExternalModificationTimestamp` is strictly older (as an instant) than the
    /// assignment's; an equal or older timestamp is not a change (interpretation 3, Scenarios/README.md). Duplicate externalIds
    /// in the input count once, with the newest timestamp (``Swift/Sequence/newestPerExternalId()``,
    /// interpretation 11). The result keeps the input's order of first occurrence. O(n) time.
    /// - Returns: The assignments to process, or `SourceNotFound` for an unknown source.
    public func identifyChanges(
        _ source: SourceAccountID,
        rawExternalAssignments: [RawExternalAssignment]
    ) -> Result<[AssignmentToProcess], SyncError> {
        guard sources[source] != nil else { return .failure(.sourceNotFound(source)) }
        let records = mappingsBySource[source]?.recordsByExternalId ?? [:]
        var changes: [AssignmentToProcess] = []
        for raw in rawExternalAssignments.newestPerExternalId() {
            if let record = records[raw.externalId] {
                if record.lastExternalModificationTimestamp < raw.externalModificationTimestamp {
                    changes.append(AssignmentToProcess(raw, existingInternalId: record.internalAssignment))
                }
            } else {
                changes.append(AssignmentToProcess(raw, existingInternalId: nil))
            }
        }
        return .success(changes)
    }

    // MARK: - Connect

    private func duplicateSourceError(_ request: ConnectRequest) -> SyncError? {
        guard hasSource(owner: request.owner, named: request.sourceName) else { return nil }
        return SyncError(
            code: .duplicateSourceError,
            message: "user '\(request.owner)' already has a source named '\(request.sourceName)'"
        )
    }

    private func beginConnect(_ request: ConnectRequest) -> SyncEffect {
        if let duplicate = duplicateSourceError(request) { return .failed(duplicate) }
        return .validate(sourceType: request.sourceType, details: request.details)
    }

    private mutating func finishConnect(
        _ request: ConnectRequest,
        outcome: Result<Void, SyncError>,
        newID: SourceAccountID
    ) -> SyncEffect {
        // A concurrent connect that committed first would, in serial order, have made this one a
        // duplicate that never reached the platform; so the name wins over the platform's verdict.
        if let duplicate = duplicateSourceError(request) { return .failed(duplicate) }
        if case .failure(let error) = outcome { return .failed(error) }
        guard !issuedSourceIDs.contains(newID) else {
            return .failed(
                SyncError(code: .invalidArgument, message: "source account id '\(newID)' was issued before")
            )
        }
        let account = ExternalSourceAccount(
            id: newID,
            owner: request.owner,
            sourceType: request.sourceType,
            sourceName: request.sourceName,
            connectionDetails: request.details,
            lastSuccessfulPoll: nil
        )
        sources[newID] = account
        issuedSourceIDs.insert(newID)
        sourceIDByOwnerAndName[OwnerAndSourceName(owner: request.owner, sourceName: request.sourceName)] = newID
        sourceIDsByOwner[request.owner, default: []].append(newID)
        changeJournal?.append(.connected(account))
        return .connected(newID)
    }

    // MARK: - Disconnect

    private mutating func disconnectSource(_ id: SourceAccountID) -> SyncEffect {
        guard let account = sources.removeValue(forKey: id) else { return .failed(.sourceNotFound(id)) }
        mappingsBySource.removeValue(forKey: id)
        ledgersBySource.removeValue(forKey: id)
        sourceIDByOwnerAndName.removeValue(
            forKey: OwnerAndSourceName(owner: account.owner, sourceName: account.sourceName)
        )
        if var ownerSources = sourceIDsByOwner[account.owner] {
            ownerSources.removeAll { $0 == id }
            sourceIDsByOwner[account.owner] = ownerSources.isEmpty ? nil : ownerSources
        }
        changeJournal?.append(.disconnected(account.id))
        return .done
    }

    // MARK: - Poll

    private func beginPoll(_ id: SourceAccountID) -> SyncEffect {
        guard let account = sources[id] else { return .failed(.sourceNotFound(id)) }
        return .fetch(sourceType: account.sourceType, details: account.connectionDetails)
    }

    private mutating func finishPoll(
        _ id: SourceAccountID,
        outcome: Result<FetchedAssignments, SyncError>,
        now: Timestamp
    ) -> SyncEffect {
        // Disconnected while the platform was answering: in serial order the poll came after.
        guard sources[id] != nil else { return .failed(.sourceNotFound(id)) }
        let fetched: FetchedAssignments
        switch outcome {
        case .failure(let error): return .failed(error)
        case .success(let value): fetched = value
        }
        sources[id]?.lastSuccessfulPoll = now
        changeJournal?.append(.polled(id, lastSuccessfulPoll: now))
        switch fetched {
        case .timestamped(let assignments):
            return .polled(assignments.newestPerExternalId())
        case .fingerprinted(let items):
            let old = ledgersBySource[id] ?? FingerprintLedger()
            let (assignments, new) = old.stamp(items, now: now)
            ledgersBySource[id] = new.isEmpty ? nil : new
            if changeJournal != nil {
                let delta = old.delta(to: new)
                if !delta.isEmpty { changeJournal?.append(.ledgerChanged(id, delta)) }
            }
            return .polled(assignments)
        }
    }

    // MARK: - Record

    private mutating func recordInternalSync(
        _ id: SourceAccountID,
        externalId: String,
        internalId: AssignmentID,
        externalModificationTimestamp: Timestamp
    ) -> SyncEffect {
        guard let account = sources[id] else { return .failed(.sourceNotFound(id)) }
        let record = ExternalAssignmentRecord(
            source: account.id,
            externalId: externalId,
            internalAssignment: internalId,
            lastExternalModificationTimestamp: externalModificationTimestamp
        )
        let stored = mappingsBySource[account.id, default: SourceMappings()].upsert(record)
        changeJournal?.append(.recorded(stored))
        return .done
    }
}

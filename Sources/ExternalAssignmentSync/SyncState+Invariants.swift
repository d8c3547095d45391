extension SyncState {
    /// Throws the first broken invariant, if any; see ``invariantViolations()`` for the list.
    ///
    /// Tests call it after every step, and the property checker reuses it rather than restating it.
    public func checkInvariants() throws(SyncInvariantViolation) {
        if let first = invariantViolations().first { throw first }
    }

    /// Every broken invariant, in a fixed order (empty when the state is sound). O(size of the state).
    ///
    /// The invariants:
    /// - `source-id-key`: each account is stored under its own id.
    /// - `ids-issued`: each account's id is in ``issuedSourceIDs`` (so it is never issued again).
    /// - `unique-owner-name`: no two accounts share (owner, sourceName), and the index names exactly
    ///   the accounts.
    /// - `owner-order`: each owner's connection-order list holds exactly that owner's accounts, once.
    /// - `no-orphan-mappings`: every mapping's source exists (the delink invariant).
    /// - `one-mapping-per-external-id`: at most one mapping per (source, externalId), each filed under
    ///   its own source and externalId, and the record order lists each once.
    /// - `no-orphan-ledgers`: every fingerprint ledger's source exists, and no stored ledger is empty.
    public func invariantViolations() -> [SyncInvariantViolation] {
        var violations: [SyncInvariantViolation] = []
        func violated(_ invariant: String, _ detail: String) {
            violations.append(SyncInvariantViolation(invariant: invariant, detail: detail))
        }

        for (key, account) in sources.sorted(by: { $0.key < $1.key }) {
            if account.id != key { violated("source-id-key", "account '\(account.id)' stored under '\(key)'") }
            if !issuedSourceIDs.contains(key) { violated("ids-issued", "account '\(key)' is not recorded as issued") }
            let nameKey = OwnerAndSourceName(owner: account.owner, sourceName: account.sourceName)
            if sourceIDByOwnerAndName[nameKey] != key {
                violated("unique-owner-name", "(\(account.owner), '\(account.sourceName)') does not name '\(key)'")
            }
        }
        if sourceIDByOwnerAndName.count != sources.count {
            violated(
                "unique-owner-name",
                "\(sourceIDByOwnerAndName.count) names indexed for \(sources.count) accounts"
            )
        }

        var listedCount = 0
        for (owner, ids) in sourceIDsByOwner.sorted(by: { $0.key < $1.key }) {
            listedCount += ids.count
            if ids.isEmpty { violated("owner-order", "owner '\(owner)' has an empty list") }
            if Set(ids).count != ids.count { violated("owner-order", "owner '\(owner)' lists an account twice") }
            for id in ids where sources[id]?.owner != owner {
                violated("owner-order", "owner '\(owner)' lists '\(id)', which is not theirs or does not exist")
            }
        }
        if listedCount != sources.count {
            violated("owner-order", "\(listedCount) accounts listed by owner for \(sources.count) accounts")
        }

        for (source, mappings) in mappingsBySource.sorted(by: { $0.key < $1.key }) {
            if sources[source] == nil {
                violated("no-orphan-mappings", "\(mappings.recordsByExternalId.count) mappings of missing '\(source)'")
            }
            checkMappings(mappings, of: source, violated)
        }

        for (source, ledger) in ledgersBySource.sorted(by: { $0.key < $1.key }) {
            if sources[source] == nil {
                violated("no-orphan-ledgers", "a ledger of \(ledger.entries.count) entries for missing '\(source)'")
            }
            if ledger.isEmpty { violated("no-orphan-ledgers", "source '\(source)' has an empty ledger") }
        }
        return violations
    }

    private func checkMappings(
        _ mappings: SourceMappings,
        of source: SourceAccountID,
        _ violated: (String, String) -> Void
    ) {
        let name = "one-mapping-per-external-id"
        if mappings.recordsByExternalId.isEmpty { violated(name, "source '\(source)' has an empty mapping table") }
        if mappings.externalIdsInRecordOrder.count != mappings.recordsByExternalId.count
            || Set(mappings.externalIdsInRecordOrder).count != mappings.externalIdsInRecordOrder.count
            || !mappings.externalIdsInRecordOrder.allSatisfy({ mappings.recordsByExternalId[$0] != nil })
        {
            violated(name, "source '\(source)': record order does not list each mapping exactly once")
        }
        for (externalId, record) in mappings.recordsByExternalId.sorted(by: { $0.key < $1.key })
        where record.externalId != externalId || record.source != source {
            violated(
                name,
                "record (\(record.source), '\(record.externalId)') filed under (\(source), '\(externalId)')"
            )
        }
    }
}

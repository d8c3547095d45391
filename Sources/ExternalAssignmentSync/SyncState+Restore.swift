extension SyncState {
    /// Rebuilds a state from what a durable store saved: how a store loads its cache.
    ///
    /// `ledgers` are the fingerprint ledgers of sources polled through a fingerprinting connector
    /// (``FingerprintLedger``); empty ones are dropped, as the core never stores them.
    ///
    /// The orders matter, because queries answer in them: `sources` in connection order (each owner's
    /// `_getSourcesForUser` lists them so), `mappings` in first-record order (`_getAssignmentsForSource`
    /// lists each source's so). `issuedSourceIDs` must hold every id ever issued, disconnected ones
    /// included, so that they are never issued again. O(sources + mappings + issued ids).
    ///
    /// ```swift
    /// let state = try SyncState(restoringSources: accounts, mappings: records, issuedSourceIDs: issued)
    /// ```
    /// - Throws: The first broken invariant (a duplicate (owner, name), a mapping or ledger of a missing source,
    ///   two mappings of one (source, externalId), an account id that was never issued); nothing is
    ///   returned then, so a damaged store is never served.
    public init(
        restoringSources sources: some Sequence<ExternalSourceAccount>,
        mappings: some Sequence<ExternalAssignmentRecord>,
        issuedSourceIDs: Set<SourceAccountID>,
        ledgers: [SourceAccountID: FingerprintLedger] = [:]
    ) throws(SyncInvariantViolation) {
        self.init()
        self.issuedSourceIDs = issuedSourceIDs
        for account in sources {
            guard self.sources.updateValue(account, forKey: account.id) == nil else {
                throw SyncInvariantViolation(invariant: "source-id-key", detail: "account '\(account.id)' saved twice")
            }
            let key = OwnerAndSourceName(owner: account.owner, sourceName: account.sourceName)
            guard sourceIDByOwnerAndName.updateValue(account.id, forKey: key) == nil else {
                throw SyncInvariantViolation(
                    invariant: "unique-owner-name", detail: "two accounts named '\(account.sourceName)' for '\(account.owner)'")
            }
            sourceIDsByOwner[account.owner, default: []].append(account.id)
        }
        for record in mappings {
            guard self.sources[record.source] != nil else {
                throw SyncInvariantViolation(invariant: "no-orphan-mappings", detail: "a mapping of missing '\(record.source)'")
            }
            guard mappingsBySource[record.source]?.recordsByExternalId[record.externalId] == nil else {
                throw SyncInvariantViolation(
                    invariant: "one-mapping-per-external-id",
                    detail: "(\(record.source), '\(record.externalId)') saved twice")
            }
            mappingsBySource[record.source, default: SourceMappings()].upsert(record)
        }
        for (source, ledger) in ledgers where !ledger.isEmpty {
            guard self.sources[source] != nil else {
                throw SyncInvariantViolation(invariant: "no-orphan-ledgers", detail: "a ledger of missing '\(source)'")
            }
            ledgersBySource[source] = ledger
        }
        try checkInvariants()
    }
}

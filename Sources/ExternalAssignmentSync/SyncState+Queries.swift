extension SyncState {
    /// The spec's `_getSourcesForUser`: every source `user` owns, without tokens.
    ///
    /// In connection order (the order their `connectSource` calls committed), so the result is the
    /// same on every run. An unknown user has no sources: the result is empty, not an error.
    public func _getSourcesForUser(_ user: UserID) -> [SourceAccountSummary] {
        (sourceIDsByOwner[user] ?? []).compactMap { sources[$0]?.summary }
    }

    /// The spec's `_getMappedInternalId`: the internal assignment mapped to `externalId` in `sourceAccount`.
    /// - Returns: The internal id, or the spec's "External assignment with ID '…' not found for source
    ///   '…'" when there is no such mapping (including when the source does not exist).
    public func _getMappedInternalId(
        _ externalId: String,
        sourceAccount: SourceAccountID
    ) -> Result<AssignmentID, QueryError> {
        guard let record = record(source: sourceAccount, externalId: externalId) else {
            return .failure(.mappingNotFound(externalId: externalId, sourceAccount: sourceAccount))
        }
        return .success(record.internalAssignment)
    }

    /// The spec's `_getAssignmentsForSource`: every mapping of `sourceAccount`.
    ///
    /// In first-record order: the order in which each externalId was first recorded by
    /// `recordInternalSync` (an overwrite keeps the original position).
    /// - Returns: The mappings (empty for a source with none), or the spec's "Source account not found".
    public func _getAssignmentsForSource(
        _ sourceAccount: SourceAccountID
    ) -> Result<[ExternalAssignmentRecord], QueryError> {
        guard sources[sourceAccount] != nil else { return .failure(.sourceAccountNotFound) }
        return .success(mappingsBySource[sourceAccount]?.recordsInRecordOrder ?? [])
    }
}

extension SyncService {
    /// The spec's `_getSourcesForUser`: every source `user` owns, in connection order, without tokens.
    /// - Throws: Only a store failure, as a ``QueryError`` whose message starts with `StorageError:`.
    public func _getSourcesForUser(user: UserID) async throws(QueryError) -> [SourceAccountSummary] {
        try await query { $0._getSourcesForUser(user) }
    }

    /// The spec's `_getMappedInternalId`: the internal assignment mapped to `externalId` in `sourceAccount`.
    /// - Throws: The spec's "External assignment with ID '…' not found for source '…'".
    public func _getMappedInternalId(externalId: String, sourceAccount: SourceAccountID) async throws(QueryError)
        -> AssignmentID
    {
        try await query { $0._getMappedInternalId(externalId, sourceAccount: sourceAccount) }.get()
    }

    /// The spec's `_getAssignmentsForSource`: every mapping of `sourceAccount`, in first-record order.
    /// - Throws: The spec's "Source account not found".
    public func _getAssignmentsForSource(sourceAccount: SourceAccountID) async throws(QueryError)
        -> [ExternalAssignmentRecord]
    {
        try await query { $0._getAssignmentsForSource(sourceAccount) }.get()
    }

    private func query<Result: Sendable>(_ body: (SyncState) -> Result) async throws(QueryError) -> Result {
        do {
            return try await store.readState(body)
        } catch {
            throw QueryError(message: Self.storageError(error).description)
        }
    }
}

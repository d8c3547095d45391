import KitPrimitives

/// One mapping from an external assignment to its internal counterpart: a record of the spec's
/// `ExternalAssignments`, and the element of `_getAssignmentsForSource`'s result.
///
/// The state holds at most one record per (``source``, ``externalId``).
public struct ExternalAssignmentRecord: Sendable, Hashable, Codable {
    /// The source account the external assignment belongs to.
    public var source: SourceAccountID
    /// The platform's id for the assignment.
    public var externalId: String
    /// The internal assignment it is mapped to.
    public var internalAssignment: AssignmentID
    /// The platform's modification time as of the last `recordInternalSync` (an instant).
    public var lastExternalModificationTimestamp: Timestamp

    /// Creates a mapping record.
    /// - Parameters:
    ///   - source: The source account.
    ///   - externalId: The platform's id for the assignment.
    ///   - internalAssignment: The internal assignment.
    ///   - lastExternalModificationTimestamp: The platform's modification time as last recorded.
    public init(
        source: SourceAccountID,
        externalId: String,
        internalAssignment: AssignmentID,
        lastExternalModificationTimestamp: Timestamp
    ) {
        self.source = source
        self.externalId = externalId
        self.internalAssignment = internalAssignment
        self.lastExternalModificationTimestamp = lastExternalModificationTimestamp
    }
}

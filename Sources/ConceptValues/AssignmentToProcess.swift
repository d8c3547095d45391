import KitPrimitives

/// One new or changed assignment that the application should create or update: the element of
/// `identifyChanges`'s result.
///
/// Encodes `existingInternalId` as JSON `null` when there is no mapping yet (the spec's
/// `Assignment | null`).
public struct AssignmentToProcess: Sendable, Hashable, Codable {
    /// The platform's id for the assignment.
    public var externalId: String
    /// Name, description and due date, as the platform reported them.
    public var details: ExternalAssignmentDetails
    /// When the platform last modified the assignment.
    public var externalModificationTimestamp: Timestamp
    /// The internal assignment already mapped to this external one (an update), or nil (a creation).
    @ExplicitNull public var existingInternalId: AssignmentID?

    /// Creates an assignment to process.
    /// - Parameters:
    ///   - externalId: The platform's id for the assignment.
    ///   - details: Name, description and due date.
    ///   - externalModificationTimestamp: When the platform last modified it.
    ///   - existingInternalId: The mapped internal assignment, or nil.
    public init(
        externalId: String,
        details: ExternalAssignmentDetails,
        externalModificationTimestamp: Timestamp,
        existingInternalId: AssignmentID?
    ) {
        self.externalId = externalId
        self.details = details
        self.externalModificationTimestamp = externalModificationTimestamp
        self.existingInternalId = existingInternalId
    }

    /// Creates the assignment to process for a raw assignment and its mapping, if any.
    public init(_ raw: RawExternalAssignment, existingInternalId: AssignmentID?) {
        self.init(
            externalId: raw.externalId,
            details: raw.details,
            externalModificationTimestamp: raw.externalModificationTimestamp,
            existingInternalId: existingInternalId
        )
    }
}

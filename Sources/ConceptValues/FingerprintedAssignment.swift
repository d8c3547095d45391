/// One assignment as a platform without modification times reports it (GitHub Classroom): its id
/// and details, to be fingerprinted and given an `externalModificationTimestamp` by whoever stamps it.
public struct FingerprintedAssignment: Sendable, Hashable {
    /// The platform's id for the assignment (e.g. GitHub's assignment id as a string).
    public var externalId: String
    /// Name, description and due date, as the concept will see them.
    public var details: ExternalAssignmentDetails

    /// Creates a fingerprinted assignment.
    /// - Parameters:
    ///   - externalId: The platform's id for the assignment.
    ///   - details: Name, description and due date.
    public init(externalId: String, details: ExternalAssignmentDetails) {
        self.externalId = externalId
        self.details = details
    }
}

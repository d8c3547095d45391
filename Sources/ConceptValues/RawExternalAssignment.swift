import KitPrimitives

/// One assignment as a platform reports it: the element of `pollExternalSource`'s result and of
/// `identifyChanges`'s input (the spec's `{externalId, details, externalModificationTimestamp}`).
public struct RawExternalAssignment: Sendable, Hashable, Codable {
    /// The platform's id for the assignment (e.g. Canvas's assignment id as a string).
    public var externalId: String
    /// Name, description and due date.
    public var details: ExternalAssignmentDetails
    /// When the platform last modified the assignment (Canvas's `updated_at`); compared as an instant.
    public var externalModificationTimestamp: Timestamp

    /// Creates a raw external assignment.
    /// - Parameters:
    ///   - externalId: The platform's id for the assignment.
    ///   - details: Name, description and due date.
    ///   - externalModificationTimestamp: When the platform last modified it.
    public init(externalId: String, details: ExternalAssignmentDetails, externalModificationTimestamp: Timestamp) {
        self.externalId = externalId
        self.details = details
        self.externalModificationTimestamp = externalModificationTimestamp
    }
}

extension Sequence<RawExternalAssignment> {
    /// The assignments with each `externalId` once, in the order of each id's first occurrence.
    ///
    /// Where an id occurs more than once, the occurrence with the newest `externalModificationTimestamp`
    /// (compared as instants) wins; among equally new occurrences the first one wins. This is how both
    /// a poll's result and `identifyChanges`'s input are made duplicate-free (interpretations 5 and 11, Scenarios/README.md).
    /// Runs in O(n) time.
    public func newestPerExternalId() -> [RawExternalAssignment] {
        var result: [RawExternalAssignment] = []
        result.reserveCapacity(underestimatedCount)
        var positionByExternalId: [String: Int] = [:]
        positionByExternalId.reserveCapacity(underestimatedCount)
        for assignment in self {
            if let position = positionByExternalId[assignment.externalId] {
                if result[position].externalModificationTimestamp < assignment.externalModificationTimestamp {
                    result[position] = assignment
                }
            } else {
                positionByExternalId[assignment.externalId] = result.count
                result.append(assignment)
            }
        }
        return result
    }
}

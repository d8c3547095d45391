import KitPrimitives

/// A Canvas id: a 64-bit integer, or a string when `application/json+canvas-string-ids` is in use.
struct CanvasID: PlatformID {
    let text: String
}

/// An assignment as the connector needs it.
struct CanvasAssignmentPayload: Decodable {
    let id: CanvasID
    let name: String?
    let description: String?
    let due_at: String?
    let updated_at: String?

    /// The concept's view of it; a missing or unparseable timestamp is a malformed body.
    func raw() throws(SyncError) -> RawExternalAssignment {
        guard let updatedText = updated_at, let updated = Timestamp.parse(updatedText) else {
            throw SyncError(code: .networkError, message: "assignment \(id.text) has no valid updated_at")
        }
        let due = try id.optionalTimestamp(due_at, field: "due_at")
        return RawExternalAssignment(
            externalId: id.text,
            details: ExternalAssignmentDetails(name: name ?? "", description: description, dueDate: due),
            externalModificationTimestamp: updated)
    }
}

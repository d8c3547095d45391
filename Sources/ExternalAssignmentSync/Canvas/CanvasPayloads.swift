import KitPrimitives

/// The few fields the connector reads from Canvas objects (JSON decoding ignores the rest).
struct CanvasIDPayload: Decodable {
    let id: CanvasID
}

/// A Canvas id: a 64-bit integer, or a string when `application/json+canvas-string-ids` is in use.
struct CanvasID: Decodable, Hashable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }
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
        var due: Timestamp?
        if let dueText = due_at {
            guard let parsed = Timestamp.parse(dueText) else {
                throw SyncError(code: .networkError, message: "assignment \(id.text) has an invalid due_at")
            }
            due = parsed
        }
        return RawExternalAssignment(
            externalId: id.text,
            details: ExternalAssignmentDetails(name: name ?? "", description: description, dueDate: due),
            externalModificationTimestamp: updated)
    }
}

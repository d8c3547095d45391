import KitPrimitives

/// What the platform says about one assignment (the spec's `ExternalAssignmentDetails`).
///
/// Encodes `description` and `dueDate` as JSON `null` when absent (README, "The wire contract": "Missing due date:
/// `null`"); decoding accepts `null` or a missing key.
public struct ExternalAssignmentDetails: Sendable, Hashable, Codable {
    /// The assignment's name or title.
    public var name: String
    /// The assignment's description (often HTML on Canvas), or nil.
    @ExplicitNull public var description: String?
    /// When the assignment is due, or nil (e.g. ungraded assignments).
    @ExplicitNull public var dueDate: Timestamp?

    /// Creates assignment details.
    /// - Parameters:
    ///   - name: The assignment's name.
    ///   - description: Its description, or nil.
    ///   - dueDate: Its due date, or nil.
    public init(name: String, description: String? = nil, dueDate: Timestamp? = nil) {
        self.name = name
        self.description = description
        self.dueDate = dueDate
    }
}

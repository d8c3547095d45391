import KitPrimitives

/// What the platform says about one assignment (the spec's `ExternalAssignmentDetails`).
///
/// Encodes `description` and `dueDate` as JSON `null` when absent (README, "The wire contract": "Missing due date:
/// `null`"); decoding accepts `null` or a missing key.
public struct ExternalAssignmentDetails: Sendable, Hashable, Codable {
    /// The assignment's name or title.
    public var name: String
    /// The assignment's description (often HTML on Canvas), or nil.
    public var description: String?
    /// When the assignment is due, or nil (e.g. ungraded assignments).
    public var dueDate: Timestamp?

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

    /// Decoding is synthesized; encoding is written out so an absent optional is an explicit `null`.
    private enum CodingKeys: String, CodingKey {
        case name, description, dueDate
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(dueDate, forKey: .dueDate)
    }
}

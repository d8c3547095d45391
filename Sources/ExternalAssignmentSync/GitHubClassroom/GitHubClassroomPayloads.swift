import KitPrimitives

/// A GitHub id: an integer (the schema's type), or a numeric string from a lenient server.
struct GitHubID: Decodable, Hashable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            text = String(number)
        } else {
            let string = try container.decode(String.self)
            guard !string.isEmpty, string.allSatisfy(\.isNumber) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a GitHub id")
            }
            text = string
        }
    }
}

/// `GET /user`: the fields that show the answer is a GitHub user.
struct GitHubUserPayload: Decodable {
    let id: GitHubID
    let login: String
}

/// A `simple-classroom` (JSON decoding ignores `name`, `archived`, `url` and the rest: an archived
/// classroom's assignments are still the teacher's, and still listed).
struct GitHubClassroomPayload: Decodable {
    let id: GitHubID
}

/// A `simple-classroom-assignment`, as the concept needs it.
struct GitHubAssignmentPayload: Decodable {
    let id: GitHubID
    let title: String?
    let deadline: String?

    /// The concept's view of it; an unparseable deadline is a malformed body.
    func fingerprinted() throws(SyncError) -> FingerprintedAssignment {
        var due: Timestamp?
        if let deadline {
            guard let parsed = Timestamp.parse(deadline) else {
                throw SyncError(code: .networkError, message: "assignment \(id.text) has an invalid deadline")
            }
            due = parsed
        }
        return FingerprintedAssignment(
            externalId: id.text,
            details: ExternalAssignmentDetails(name: title ?? "", description: nil, dueDate: due))
    }
}

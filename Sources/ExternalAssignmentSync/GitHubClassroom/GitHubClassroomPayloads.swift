import KitPrimitives

/// A GitHub id: an integer (the schema's type), or a numeric string from a lenient server.
struct GitHubID: PlatformID {
    let text: String

    /// Only a numeric string is a GitHub id.
    static func validated(_ string: String, in container: any SingleValueDecodingContainer) throws -> String {
        guard !string.isEmpty, string.allSatisfy(\.isNumber) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a GitHub id")
        }
        return string
    }
}

/// `GET /user`: the fields that show the answer is a GitHub user.
struct GitHubUserPayload: Decodable {
    let id: GitHubID
    let login: String
}

/// A `simple-classroom-assignment`, as the concept needs it.
struct GitHubAssignmentPayload: Decodable {
    let id: GitHubID
    let title: String?
    let deadline: String?

    /// The concept's view of it; an unparseable deadline is a malformed body.
    func fingerprinted() throws(SyncError) -> FingerprintedAssignment {
        let due = try id.optionalTimestamp(deadline, field: "deadline")
        return FingerprintedAssignment(
            externalId: id.text,
            details: ExternalAssignmentDetails(name: title ?? "", description: nil, dueDate: due))
    }
}

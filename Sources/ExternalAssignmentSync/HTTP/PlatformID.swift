import KitPrimitives

/// A platform's object id, kept as text: a 64-bit integer (the JSON schema's type), or a string
/// (Canvas's `application/json+canvas-string-ids`, a lenient GitHub server).
protocol PlatformID: Decodable, Hashable {
    /// The id as the concept's `externalId` spells it.
    var text: String { get }
    init(text: String)
    /// `string` as an id, or the decoding error for a string this platform never uses as one.
    static func validated(_ string: String, in container: any SingleValueDecodingContainer) throws -> String
}

extension PlatformID {
    /// Any string is an id.
    static func validated(_ string: String, in container: any SingleValueDecodingContainer) throws -> String { string }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self.init(text: String(number))
        } else {
            self.init(text: try Self.validated(try container.decode(String.self), in: container))
        }
    }
}

/// An object of which the connector reads only the id (a Canvas course, a GitHub classroom; JSON
/// decoding ignores the rest).
struct PlatformObjectPayload<ID: PlatformID>: Decodable {
    let id: ID
}

extension PlatformID {
    /// The timestamp in an assignment's optional date `field` (nil when absent); an unparseable one
    /// is a malformed body.
    func optionalTimestamp(_ text: String?, field: String) throws(SyncError) -> Timestamp? {
        guard let text else { return nil }
        guard let parsed = Timestamp.parse(text) else {
            throw SyncError(code: .networkError, message: "assignment \(self.text) has an invalid \(field)")
        }
        return parsed
    }
}

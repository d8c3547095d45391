/// Just enough JSON to check an answer is an object (Canvas `users/self`, GitHub `/user`) and to
/// tell well-formed JSON from broken JSON.
enum JSONDocument: Decodable {
    case object([String: JSONDocument])
    case other

    init(from decoder: any Decoder) throws {
        if let object = try? decoder.singleValueContainer().decode([String: JSONDocument].self) {
            self = .object(object)
        } else {
            self = .other
        }
    }
}

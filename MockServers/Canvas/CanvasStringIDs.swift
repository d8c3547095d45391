import MockServerCore
import NIOHTTP1

/// Canvas's answer to `Accept: application/json+canvas-string-ids`: every id as a string, for
/// clients whose JSON numbers are doubles (JavaScript's `JSON.parse` changes any id above 2^53).
enum CanvasStringIDs {
    /// The media type a client names in `Accept` to get string ids.
    static let mediaType = "application/json+canvas-string-ids"

    /// Whether `request` asks for string ids (Canvas matches the media type anywhere in `Accept`).
    static func requested(by request: MockRequest) -> Bool {
        request.headers[canonicalForm: "accept"].contains { $0.lowercased().contains(mediaType) }
    }

    /// `value` as Canvas's `Api.recursively_stringify_json_ids` leaves it: in every object, an
    /// integer under a key that is `id` or ends in `_id` becomes its decimal string, and so does each
    /// integer of an array under a key that is `ids` or ends in `_ids`; everything else is kept.
    static func stringifying(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields):
            return .object(fields.map { key, field in
                if key == "id" || key.hasSuffix("_id"), case .int(let number) = field { return (key, .string(String(number))) }
                if key == "ids" || key.hasSuffix("_ids"), case .array(let items) = field {
                    return (key, .array(items.map { item in
                        if case .int(let number) = item { return .string(String(number)) }
                        return stringifying(item)
                    }))
                }
                return (key, stringifying(field))
            })
        case .array(let items): return .array(items.map(stringifying))
        default: return value
        }
    }
}

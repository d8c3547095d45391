import KitPrimitives
import MockServerCore
import ConformanceKit

/// A value at a path inside an answer (possibly absent), with readers that name the path when the
/// value has the wrong type: `sources[0].lastSuccessfulPoll: expected an RFC 3339 timestamp or null, got a number (3)`.
package struct WireField {
    /// The value, or nil when the key is absent.
    package var value: JSONValue?
    /// Where it is, e.g. `rawExternalAssignments[3].externalId`; empty for the whole answer.
    package var path: String
    /// Which dialects to accept.
    package var profile: WireProfile

    package init(value: JSONValue?, path: String, profile: WireProfile) {
        self.value = value
        self.path = path
        self.profile = profile
    }

    /// The field `key` of this object (absent when this is not an object or has no such key).
    package subscript(key: String) -> WireField {
        WireField(value: value?[key], path: path.isEmpty ? key : path + "." + key, profile: profile)
    }

    /// Whether the key is absent.
    package var isAbsent: Bool { value == nil }

    /// Whether the value is absent or `null`.
    package var isAbsentOrNull: Bool { value == nil || value == .null }

    /// A violation at this path.
    package func violation(_ problem: String) -> WireViolation {
        WireViolation((path.isEmpty ? "the answer" : path) + ": " + problem)
    }

    /// A violation saying what was expected and what came instead.
    package func expected(_ what: String) -> WireViolation {
        violation("expected \(what), got \(value.map(\.kindDescription) ?? "nothing (the key is missing)")")
    }

    /// A string.
    package func string() throws(WireViolation) -> String {
        guard case .string(let text)? = value else { throw expected("a string") }
        return text
    }

    /// A string, or nil for `null`; absence is allowed only when `absentAllowed` (or in compat-6104).
    package func nullableString(absentAllowed: Bool = false) throws(WireViolation) -> String? {
        switch value {
        case nil:
            guard absentAllowed || profile.isLenient else { throw expected("a string or null") }
            return nil
        case .null?: return nil
        case .string(let text)?: return text
        default: throw expected("a string or null")
        }
    }

    /// An opaque id: a string (compat-6104 also accepts an integer, read as its decimal text).
    package func identifier() throws(WireViolation) -> String {
        switch value {
        case .string(let text)?: return text
        case .int(let number)? where profile.isLenient: return String(number)
        default: throw expected(profile.isLenient ? "an id (a string or an integer)" : "an id (a string)")
        }
    }

    /// An id, or nil for `null`; absence is allowed only in compat-6104 unless `absentAllowed`.
    package func nullableIdentifier(absentAllowed: Bool = false) throws(WireViolation) -> String? {
        switch value {
        case nil:
            guard absentAllowed || profile.isLenient else { throw expected("an id or null") }
            return nil
        case .null?: return nil
        default: return try identifier()
        }
    }

    /// An instant: an RFC 3339 string (compat-6104 also accepts epoch milliseconds as a number).
    package func timestamp() throws(WireViolation) -> Timestamp {
        switch value {
        case .string(let text)?:
            do {
                return try Timestamp(rfc3339: text)
            } catch {
                throw violation("expected an RFC 3339 timestamp, got \(JSONValue.string(text).kindDescription) (\(error.reason))")
            }
        case .int(let milliseconds)? where profile.isLenient:
            return Timestamp(millisecondsSinceEpoch: milliseconds)
        case .double(let milliseconds)? where profile.isLenient && milliseconds.magnitude < 1e17:
            return Timestamp(millisecondsSinceEpoch: Int64(milliseconds.rounded(.down)))
        default:
            throw expected(profile.isLenient ? "a timestamp (RFC 3339 or epoch milliseconds)" : "an RFC 3339 timestamp")
        }
    }

    /// An instant or nil for `null`; absence is allowed only in compat-6104 unless `absentAllowed`.
    package func nullableTimestamp(absentAllowed: Bool = false) throws(WireViolation) -> Timestamp? {
        switch value {
        case nil:
            guard absentAllowed || profile.isLenient else { throw expected("a timestamp or null") }
            return nil
        case .null?: return nil
        default: return try timestamp()
        }
    }

    /// The elements of an array, each with its path (`name[i]`).
    package func elements() throws(WireViolation) -> [WireField] {
        guard case .array(let items)? = value else { throw expected("an array") }
        return items.enumerated().map { WireField(value: $1, path: "\(path)[\($0)]", profile: profile) }
    }

    /// Whether the value is an object.
    package var isObject: Bool {
        if case .object? = value { return true }
        return false
    }

    /// Whether the value is an array.
    package var isArray: Bool {
        if case .array? = value { return true }
        return false
    }

    /// This field, checked to be an object.
    package func object() throws(WireViolation) -> WireField {
        guard isObject else { throw expected("an object") }
        return self
    }
}

extension JSONValue {
    /// What kind of value this is, with a short excerpt: `a number (17)`, `a string ("abc")`, `an array`.
    package var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return "a number (\(i))"
        case .double(let d): return "a number (\(d))"
        case .string(let s): return "a string (\(Self.excerpt(s)))"
        case .array(let items): return items.isEmpty ? "an empty array" : "an array of \(items.count)"
        case .object(let fields):
            let keys = fields.prefix(6).map { "\"\($0.0)\"" }.joined(separator: ", ")
            return fields.isEmpty ? "an empty object" : "an object with keys \(keys)\(fields.count > 6 ? ", …" : "")"
        }
    }

    /// `"text"`, shortened to 60 characters with `…`.
    package static func excerpt(_ text: String) -> String {
        let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return "\"" + short.replacing("\n", with: "\\n") + "\""
    }
}

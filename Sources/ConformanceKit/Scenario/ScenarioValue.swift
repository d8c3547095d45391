import KitPrimitives

/// A plain data value in a scenario: call arguments before they are typed, captured results, and the
/// normalized form of an implementation's answers (so expectations compare like with like).
///
/// Mappings keep their keys in order, so rendering a value (traces, histories, YAML) never depends
/// on `Dictionary` order.
public indirect enum ScenarioValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    /// An instant (results carry typed timestamps; files write them as RFC 3339 strings).
    case timestamp(Timestamp)
    case list([ScenarioValue])
    case map([Entry])

    /// One key and value of a ``map(_:)``.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: ScenarioValue

        public init(_ key: String, _ value: ScenarioValue) {
            self.key = key
            self.value = value
        }
    }

    /// A mapping from ordered pairs.
    public static func object(_ pairs: KeyValuePairs<String, ScenarioValue>) -> ScenarioValue {
        .map(pairs.map { Entry($0.key, $0.value) })
    }

    /// The value under `key`, for a mapping.
    public subscript(key: String) -> ScenarioValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The string, or an integer's decimal text.
    public var text: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        default: nil
        }
    }

    /// The instant, for a timestamp or an RFC 3339 string.
    public var instant: Timestamp? {
        switch self {
        case .timestamp(let t): t
        case .string(let s): Timestamp.parse(s)
        default: nil
        }
    }

    /// What kind of value it is, for messages (`a string`, `a mapping`, ...).
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .timestamp: "a timestamp"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}

extension ScenarioValue: CustomStringConvertible {
    /// A compact, deterministic, YAML-flow-like rendering: `{externalId: "50001", details: {…}}`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return Self.quoted(s)
        case .timestamp(let t): return t.rfc3339()
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    /// `"text"` with quotes, backslashes and control characters escaped.
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension ScenarioValue {
    /// This value with every string for which `transform` answers replaced (recursively).
    package func mapStrings(_ transform: (String) -> String) -> ScenarioValue {
        switch self {
        case .string(let s): .string(transform(s))
        case .list(let items): .list(items.map { $0.mapStrings(transform) })
        case .map(let entries): .map(entries.map { Entry($0.key, $0.value.mapStrings(transform)) })
        default: self
        }
    }
}

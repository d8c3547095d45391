/// An expected value in a scenario: exact values, bindings, and matchers for what may vary.
///
/// In files (see `Scenarios/README.md`):
///
/// | YAML | Matcher |
/// |---|---|
/// | `"6.104"`, `42`, `null`, `"2025-09-10T03:59:59Z"` | ``value(_:)`` (timestamps compare as instants) |
/// | `$s1` | ``binding(_:)``: the first occurrence binds, later ones must be equal |
/// | `{any: id}` | ``any(_:)`` |
/// | `[a, b]` or `{set: [a, b]}` | ``set(_:)``: unordered, same size |
/// | `{list: [a, b]}` | ``list(_:)``: ordered |
/// | `{contains: [a]}`, `{count: 3}`, `{distinct: externalId}` | ``contains(_:)``, ``count(_:)``, ``distinct(_:)`` |
/// | `{externalId: "1", details: {...}}` | ``object(_:)``: the fields given must match; others are free |
/// | `{one_of: [a, b]}`, `{all: [a, b]}`, `{not: a}` | alternatives, conjunction, negation |
/// | `{after: $t}`, `{not_before: $t}`, `{before: $t}` | instant order |
/// | `{bind: s2, not: $s1}` | keys combine: binds `$s2` and differs from `$s1` |
/// | `{error: DuplicateSourceError}`, `{error: any}` | ``error(_:)`` (queries: the exact message) |
public indirect enum Matcher: Sendable, Hashable {
    /// Exactly this value; strings may interpolate `${name}`.
    case value(ScenarioValue)
    /// `$name`: binds on first use, must be equal afterwards; built-ins (`$canvas`, `$now`) are fixed.
    case binding(String)
    /// Any value of a kind.
    case any(AnyKind)
    /// A mapping whose given fields match (fields not given are not checked).
    case object([Field])
    /// A list with these elements in any order, and no others.
    case set([Matcher])
    /// A list with these elements in this order, and no others.
    case list([Matcher])
    /// A list containing at least these elements (any order).
    case contains([Matcher])
    /// A list of exactly this many elements.
    case count(Int)
    /// A list whose elements all have different values at this key (e.g. each `externalId` once).
    case distinct(String)
    /// Any one of these matches.
    case oneOf([Matcher])
    /// Every one of these matches.
    case all([Matcher])
    /// This does not match.
    case not(Matcher)
    /// An instant strictly after the given one.
    case after(Matcher)
    /// An instant equal to or after the given one.
    case notBefore(Matcher)
    /// An instant strictly before the given one.
    case before(Matcher)
    /// The call failed (only at the top of `expect`, or inside a top-level `one_of`).
    case error(ErrorMatcher)

    /// One field of an ``object(_:)`` matcher.
    public struct Field: Sendable, Hashable {
        public var key: String
        public var matcher: Matcher

        public init(_ key: String, _ matcher: Matcher) {
            self.key = key
            self.matcher = matcher
        }
    }

    /// The kinds `{any: ...}` accepts.
    public enum AnyKind: String, Sendable, Hashable, CaseIterable {
        /// A non-empty string (ids are opaque strings, interpretation 13 (Scenarios/README.md)).
        case id
        case string
        /// An instant (or an RFC 3339 string).
        case timestamp
        case number
        case bool
        case list
        case mapping
        /// Anything present, `null` included.
        case value
    }

    /// What error is expected.
    public enum ErrorMatcher: Sendable, Hashable {
        /// Some error; its name is not checked (interpretation 15, Scenarios/README.md).
        case any
        /// For actions, the spec's error name; for queries, the spec's exact message (may use `${name}`).
        case named(String)
    }

    /// The keywords that make a YAML mapping a matcher rather than an object.
    static let keywords: Set<String> = [
        "any", "bind", "set", "list", "contains", "count", "distinct", "one_of", "all", "not", "after", "not_before", "before", "error",
    ]

    /// Whether the matcher refers to `$name` (or `${name}`).
    func mentions(_ name: String) -> Bool {
        switch self {
        case .value(.string(let s)): s.contains("${\(name)}")
        case .value: false
        case .binding(let b): b == name
        case .any, .count, .distinct: false
        case .object(let fields): fields.contains { $0.matcher.mentions(name) }
        case .set(let ms), .list(let ms), .contains(let ms), .oneOf(let ms), .all(let ms): ms.contains { $0.mentions(name) }
        case .not(let m), .after(let m), .notBefore(let m), .before(let m): m.mentions(name)
        case .error(.named(let text)): text.contains("${\(name)}")
        case .error(.any): false
        }
    }
}

extension Matcher: CustomStringConvertible {
    /// A compact rendering in the file syntax, for diffs and traces.
    public var description: String {
        switch self {
        case .value(let v): v.description
        case .binding(let name): "$" + name
        case .any(let kind): "{any: \(kind.rawValue)}"
        case .object(let fields): "{" + fields.map { "\($0.key): \($0.matcher)" }.joined(separator: ", ") + "}"
        case .set(let ms): "{set: [" + ms.map(\.description).joined(separator: ", ") + "]}"
        case .list(let ms): "{list: [" + ms.map(\.description).joined(separator: ", ") + "]}"
        case .contains(let ms): "{contains: [" + ms.map(\.description).joined(separator: ", ") + "]}"
        case .count(let n): "{count: \(n)}"
        case .distinct(let key): "{distinct: \(key)}"
        case .oneOf(let ms): "{one_of: [" + ms.map(\.description).joined(separator: ", ") + "]}"
        case .all(let ms): "{all: [" + ms.map(\.description).joined(separator: ", ") + "]}"
        case .not(let m): "{not: \(m)}"
        case .after(let m): "{after: \(m)}"
        case .notBefore(let m): "{not_before: \(m)}"
        case .before(let m): "{before: \(m)}"
        case .error(.any): "{error: any}"
        case .error(.named(let name)): "{error: \(ScenarioValue.string(name))}"
        }
    }
}

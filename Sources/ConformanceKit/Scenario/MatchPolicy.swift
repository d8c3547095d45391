import KitPrimitives
/// How leniently answers are compared, by transport and profile (README, "The wire contract"; interpretation 15).
///
/// The scenarios stay the same; the policy says what an implementation may leave out.
public struct MatchPolicy: Sendable, Hashable {
    /// Whose clock `lastSuccessfulPoll` comes from.
    public enum Clock: String, Sendable, Hashable {
        /// The mock's virtual clock (the in-process reference): `$now` must be equal.
        case virtual
        /// The implementation's own clock (over HTTP): `$now` matches any instant, and `after`
        /// relaxes to `not_before` (two calls may share a millisecond).
        case own
    }

    /// Whose clock the implementation reads.
    public var clock: Clock = .virtual
    /// Accept an action error without a spec name (compat-6104's free-text errors): `{error: X}`
    /// then passes on any error, with a note.
    public var acceptsUnnamedErrors: Bool = false
    /// Accept a source without `lastSuccessfulPoll` (compat-6104).
    public var acceptsAbsentLastSuccessfulPoll: Bool = false
    /// Compare a query error's message with the spec's exact words (strict); otherwise a query error
    /// is judged by its presence, as compat-6104 judges action errors (6.104 servers word their
    /// messages their own way: ids quoted, trailing periods).
    public var comparesQueryMessages: Bool = true

    /// The in-process reference on the virtual clock: everything exact.
    public static let inProcess = MatchPolicy()
    /// An implementation over HTTP in the strict contract: its own clock, names and fields required.
    public static let strictHTTP = MatchPolicy(clock: .own)
    /// An implementation over HTTP in the compat-6104 contract.
    public static let compat6104 = MatchPolicy(
        clock: .own, acceptsUnnamedErrors: true, acceptsAbsentLastSuccessfulPoll: true, comparesQueryMessages: false)

    /// Fields an implementation may leave out of a source or mapping object (README, "The wire contract": a source
    /// may be an id alone); an expectation on them is then not checked.
    var optionalFields: Set<String> {
        var fields: Set<String> = ["owner", "sourceType", "sourceName", "baseUrl", "source"]
        if acceptsAbsentLastSuccessfulPoll { fields.insert("lastSuccessfulPoll") }
        return fields
    }
}

/// The values bound so far in a scenario (`$s1`, captures) and the built-ins.
public struct ScenarioBindings: Sendable, Hashable {
    /// Bound names and values, in binding order.
    public private(set) var entries: [ScenarioValue.Entry] = []

    public init() {}

    /// The value of `name`, if bound.
    public subscript(name: String) -> ScenarioValue? {
        entries.last { $0.key == name }?.value
    }

    /// Binds `name` (a later bind replaces it, as a capture does).
    public mutating func bind(_ name: String, _ value: ScenarioValue) {
        entries.removeAll { $0.key == name }
        entries.append(.init(name, value))
    }

    /// `text` with every `${name}` replaced by the bound value's text; nil names an unbound one.
    func interpolate(_ text: String) -> Result<String, UnboundName> {
        guard text.contains("${") || text.contains("$$") else { return .success(text) }
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                out += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{"), let close = after.firstIndex(of: "}") {
                let name = String(after[after.index(after: after.startIndex)..<close])
                guard let value = self[name] else { return .failure(UnboundName(name: name)) }
                out += value.text ?? value.instant?.rfc3339() ?? value.description
                rest = after[after.index(after: close)...]
            } else {
                out += "$"
                rest = after
            }
        }
        return .success(out + rest)
    }

    /// A `${name}` that nothing has bound.
    struct UnboundName: Error, Hashable {
        var name: String
    }
}

extension ScenarioValue {
    /// Whether the two values are the same, comparing timestamps (and RFC 3339 strings against
    /// timestamps) as instants and integers against their decimal text.
    package func isSame(as other: ScenarioValue) -> Bool {
        switch (self, other) {
        case (.timestamp(let a), _): return other.instant == a
        case (_, .timestamp(let b)): return instant == b
        case (.int(let a), .string(let b)), (.string(let b), .int(let a)): return String(a) == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSame(as: $1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count && a.allSatisfy { entry in b.contains { $0.key == entry.key && $0.value.isSame(as: entry.value) } }
        default:
            return self == other
        }
    }
}

/// An identifier that is an opaque string: compared, hashed and coded as its raw text, never parsed.
///
/// The concept's identifiers (``UserID``, ``AssignmentID``, ``SourceAccountID``) share this shape so
/// that each is its own type (a user id cannot be passed where a source id is expected) while staying
/// a bare string on the wire (interpretation 13 (Scenarios/README.md): ids are opaque strings).
///
/// ```swift
/// let alice: UserID = "user:Alice"
/// alice.rawValue        // "user:Alice"
/// ```
///
/// Conforming types get `ExpressibleByStringLiteral`, `CustomStringConvertible` (the raw text),
/// `Comparable` (by raw text, for deterministic output only; the order means nothing) and `Codable`
/// as a single string (from the standard library's `RawRepresentable` coding).
public protocol OpaqueIdentifier: RawRepresentable<String>, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    /// Wraps a raw string; every string is a valid identifier.
    init(rawValue: String)
}

extension OpaqueIdentifier {
    /// Creates the identifier whose raw text is the literal.
    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    /// Creates the identifier whose raw text is `text`.
    public init(_ text: String) {
        self.init(rawValue: text)
    }

    /// The raw text, unchanged.
    public var description: String { rawValue }

    /// Orders by raw text (UTF-8 code units via `String` comparison); used only to make output stable.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

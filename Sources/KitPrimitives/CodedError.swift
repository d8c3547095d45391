/// A stable, machine-readable error code: the string reports, admin answers and tests match on
/// (never a message). `Domain` keeps each error type's codes apart, so a ``HarnessError`` code
/// cannot be compared with a scenario error's; a domain declares its codes in an extension:
///
/// ```swift
/// extension ErrorCode where Domain == HarnessFailure {
///     /// No complete answer within the per-call timeout.
///     public static let timeout: Self = "timeout"
/// }
/// ```
public struct ErrorCode<Domain>: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An error that is a stable code and a message for people, printed `code: message`: the shape of
/// the kit's errors that point at no file.
public struct CodedError<Domain>: Error, Sendable, Hashable, CustomStringConvertible {
    /// This error's codes.
    public typealias Code = ErrorCode<Domain>

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

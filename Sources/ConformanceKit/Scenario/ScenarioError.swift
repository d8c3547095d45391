import KitPrimitives
import MockServerCore

/// A malformed scenario (or expectations) file, or a step that cannot be carried out: a stable code,
/// a message, and where (file, line, column, dotted field path such as `steps[3].with.owner`).
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable code.
    public typealias Code = ErrorCode<ScenarioError>

    public var code: Code
    public var message: String
    /// Where: file, line, column and field.
    public var location: MockError.Location

    public init(_ code: Code, _ message: String, location: MockError.Location) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// The file.
    public var file: String { location.file }
    /// The 1-based line, when known.
    public var line: Int? { location.line }
    /// The dotted field path, when known.
    public var field: String? { location.field }

    /// `file:line:column: field 'steps[2].with.owner': message [code]`.
    public var description: String { "\(location): \(message) [\(code)]" }
}

extension ErrorCode where Domain == ScenarioError {
    /// Not YAML, or not the shape a scenario has (a missing field, a list where a mapping belongs).
    public static let syntax: Self = "syntax"
    /// A key the format does not know.
    public static let unknownKey: Self = "unknown-key"
    /// A required key is missing.
    public static let missingKey: Self = "missing-key"
    /// A value of the wrong type (a list where a string belongs, a malformed timestamp).
    public static let wrongType: Self = "wrong-type"
    /// A value outside the allowed set (an unknown level, a negative count).
    public static let invalidValue: Self = "invalid-value"
    /// A `call:` names no concept action or query.
    public static let unknownCall: Self = "unknown-call"
    /// An argument the call does not take, or a required one is missing.
    public static let unknownArgument: Self = "unknown-argument"
    /// A `$name` used before any step binds it.
    public static let unknownBinding: Self = "unknown-binding"
    /// A `spec:` id the clause catalogue does not have.
    public static let unknownClause: Self = "unknown-clause"
    /// Two scenarios share an id.
    public static let duplicateID: Self = "duplicate-id"
    /// The world (inline or file) is invalid.
    public static let invalidWorld: Self = "invalid-world"
    /// A world change, fault rule or journal check is invalid.
    public static let invalidCommand: Self = "invalid-command"
    /// A file could not be read.
    public static let unreadableFile: Self = "unreadable-file"
    /// A step could not be carried out at run time (a captured value of the wrong shape).
    public static let stepFailed: Self = "step-failed"
}

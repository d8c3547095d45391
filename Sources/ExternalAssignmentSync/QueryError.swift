/// A query's failure: the spec's exact message (queries return `{error: String}`, not a named error).
///
/// ```swift
/// QueryError.mappingNotFound(externalId: "50001", sourceAccount: "source-1").message
/// // "External assignment with ID '50001' not found for source 'source-1'"
/// ```
public struct QueryError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The message; for the spec's two errors, exactly the spec's text.
    public var message: String

    /// Creates a query error with `message`.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// `_getMappedInternalId`: no mapping for `externalId` in `sourceAccount` (also when the source
    /// does not exist). The spec's message, verbatim.
    public static func mappingNotFound(externalId: String, sourceAccount: SourceAccountID) -> QueryError {
        QueryError(message: "External assignment with ID '\(externalId)' not found for source '\(sourceAccount)'")
    }

    /// `_getAssignmentsForSource`: the source does not exist. The spec's message, verbatim.
    public static let sourceAccountNotFound = QueryError(message: "Source account not found")
}

/// An action's failure: a stable code naming the spec's error, and a human message.
///
/// Modelled on GRDB's `DatabaseError`/`ResultCode`: the ``Code`` is an open string struct, so codes
/// serialize verbatim (scenario files, JUnit `<failure type=…>`, the wire) and new ones never break
/// clients. Match a code in a `catch` clause with `~=`:
///
/// ```swift
/// do {
///     _ = try await service.pollExternalSource(sourceAccount: id)
/// } catch SyncError.Code.apiRateLimitError {
///     // back off
/// } catch {
///     print(error)   // "NetworkError: the platform did not answer"
/// }
/// ```
///
/// ``description`` is `"<Code>: <message>"`, the wire form of README, "The wire contract". Messages never contain the
/// API token: the service scrubs connector messages before returning them.
public struct SyncError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which error this is.
    public var code: Code
    /// What happened, for people; never contains a token.
    public var message: String

    /// Creates an error.
    /// - Parameters:
    ///   - code: Which error this is.
    ///   - message: What happened, for people.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `"<Code>: <message>"`, or just the code when the message is empty.
    public var description: String {
        message.isEmpty ? code.rawValue : "\(code.rawValue): \(message)"
    }

    /// This error with every occurrence of `secret` in its message replaced by `[REDACTED]`.
    ///
    /// The service applies it to every connector error, so a connector that quotes a request in its
    /// message cannot leak the token. An empty `secret` leaves the message unchanged.
    public func redacting(_ secret: String) -> SyncError {
        guard !secret.isEmpty, message.contains(secret) else { return self }
        return SyncError(code: code, message: message.replacing(secret, with: ConnectionDetails.redactedToken))
    }
}

extension SyncError {
    /// The name of an error: the spec's error names, plus a few kit codes where the spec names none.
    ///
    /// The raw value is the name exactly as the spec spells it (`"DuplicateSourceError"`, ...).
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The error's name, e.g. `"SourceNotFound"`.
        public var rawValue: String

        /// Wraps a name.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The name.
        public var description: String { rawValue }

        // MARK: Spec error names

        /// `connectSource`: the owner already has a source with this `sourceName`.
        public static let duplicateSourceError = Code(rawValue: "DuplicateSourceError")
        /// `connectSource`: the details do not authenticate with the platform.
        public static let invalidCredentialsError = Code(rawValue: "InvalidCredentialsError")
        /// `connectSource`, `pollExternalSource`: a network failure reaching the platform.
        public static let networkError = Code(rawValue: "NetworkError")
        /// `disconnectSource` (and, by the kit's reading, every action on an unknown source).
        public static let sourceNotFound = Code(rawValue: "SourceNotFound")
        /// `pollExternalSource`: the platform's rate limit refused the request.
        public static let apiRateLimitError = Code(rawValue: "ApiRateLimitError")
        /// `pollExternalSource`: the stored credentials or endpoint no longer work.
        public static let sourceConnectionError = Code(rawValue: "SourceConnectionError")

        // MARK: Kit codes (not spec names)

        /// Not a spec name. `connectSource` with a `sourceType` that has no registered connector: the
        /// spec names no error for it, so the kit only requires "an error and no state change"
        /// (interpretation 15, Scenarios/README.md).
        public static let unsupportedSourceType = Code(rawValue: "UnsupportedSourceType")
        /// Not a spec name. Malformed arguments (interpretation 15, Scenarios/README.md), and a fresh id that was issued before.
        public static let invalidArgument = Code(rawValue: "InvalidArgument")
        /// Not a spec name. The store failed to read or commit state; nothing was changed.
        public static let storageError = Code(rawValue: "StorageError")

        /// The six error names the spec defines, in the order the spec introduces them.
        public static let specCodes: [Code] = [
            .invalidCredentialsError, .networkError, .duplicateSourceError,
            .sourceNotFound, .apiRateLimitError, .sourceConnectionError,
        ]

        /// Whether the spec names this error (as opposed to a kit code).
        public var isSpecCode: Bool { Self.specCodes.contains(self) }

        /// Matches an error whose code is `code`: `catch SyncError.Code.networkError { … }`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? SyncError)?.code == code
        }

        /// Matches a ``SyncError`` whose code is `code` (for `throws(SyncError)` call sites).
        public static func ~= (code: Code, error: SyncError) -> Bool {
            error.code == code
        }
    }
}

extension SyncError {
    /// A `SourceNotFound` error for `id`.
    public static func sourceNotFound(_ id: SourceAccountID) -> SyncError {
        SyncError(code: .sourceNotFound, message: "no source account with id '\(id)'")
    }
}

/// The arguments of `connectSource`, carried by both steps of a connect (``SyncCommand/beginConnect(_:)``
/// and ``SyncCommand/finishConnect(_:outcome:newID:)``).
///
/// Its description shows the token as `[REDACTED]` (through ``ConnectionDetails``); like the details,
/// its `Codable` form keeps the real token (it is the body of the wire's `connectSource`).
public struct ConnectRequest: Sendable, Hashable, Codable {
    /// The user who connects the source.
    public var owner: UserID
    /// The platform kind, e.g. `"Canvas"`.
    public var sourceType: String
    /// The user's label for the connection; must be new for this owner.
    public var sourceName: String
    /// Token and base URL. Secret.
    public var details: ConnectionDetails

    /// Creates the arguments of a connect.
    /// - Parameters:
    ///   - owner: The user who connects the source.
    ///   - sourceType: The platform kind.
    ///   - sourceName: The user's label for the connection.
    ///   - details: Token and base URL.
    public init(owner: UserID, sourceType: String, sourceName: String, details: ConnectionDetails) {
        self.owner = owner
        self.sourceType = sourceType
        self.sourceName = sourceName
        self.details = details
    }
}

import KitPrimitives

/// One connection of a user to an external platform: a record of the spec's `ExternalSourceAccounts`.
///
/// This is state, and it holds the secret token in ``connectionDetails``; what queries return is the
/// token-free ``SourceAccountSummary``. Its `description` and mirror show the token as `[REDACTED]`
/// (through ``ConnectionDetails``). `Codable` keeps the real token, for a durable store; the
/// optional ``lastSuccessfulPoll`` is encoded as `null` when absent.
public struct ExternalSourceAccount: Sendable, Hashable, Codable {
    /// The account's id, as returned by `connectSource`.
    public var id: SourceAccountID
    /// The user who owns this connection.
    public var owner: UserID
    /// The platform kind, e.g. `"Canvas"`; selects the connector.
    public var sourceType: String
    /// The user's label for the connection, unique per owner (exact match, interpretation 8 (Scenarios/README.md)).
    public var sourceName: String
    /// Token and base URL. Secret.
    public var connectionDetails: ConnectionDetails
    /// When the last successful poll finished, by the service's clock; nil until the first one.
    @ExplicitNull public var lastSuccessfulPoll: Timestamp?

    /// Creates a source account record.
    /// - Parameters:
    ///   - id: The account's id.
    ///   - owner: The user who owns it.
    ///   - sourceType: The platform kind.
    ///   - sourceName: The user's label, unique per owner.
    ///   - connectionDetails: Token and base URL.
    ///   - lastSuccessfulPoll: When the last successful poll finished, or nil.
    public init(
        id: SourceAccountID,
        owner: UserID,
        sourceType: String,
        sourceName: String,
        connectionDetails: ConnectionDetails,
        lastSuccessfulPoll: Timestamp? = nil
    ) {
        self.id = id
        self.owner = owner
        self.sourceType = sourceType
        self.sourceName = sourceName
        self.connectionDetails = connectionDetails
        self.lastSuccessfulPoll = lastSuccessfulPoll
    }

    /// The token-free public view of this account.
    public var summary: SourceAccountSummary { SourceAccountSummary(self) }
}

extension ExternalSourceAccount: CustomStringConvertible {
    /// A one-line description; the token shows as `[REDACTED]`.
    public var description: String {
        "ExternalSourceAccount(id: \(id), owner: \(owner), sourceType: \(String(reflecting: sourceType)), "
            + "sourceName: \(String(reflecting: sourceName)), connectionDetails: \(connectionDetails), "
            + "lastSuccessfulPoll: \(lastSuccessfulPoll.map(\.description) ?? "nil"))"
    }
}

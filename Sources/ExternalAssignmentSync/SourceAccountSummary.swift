import KitPrimitives

/// The public, token-free view of an ``ExternalSourceAccount``: what `_getSourcesForUser` returns.
///
/// It has the account's fields except the token: `baseUrl` is kept, `apiToken` is not a field at
/// all, so no encoding or description of a summary can reveal it (issue 3, "Secrets").
/// `lastSuccessfulPoll` is encoded as `null` until the first successful poll (README, "The wire contract").
public struct SourceAccountSummary: Sendable, Hashable, Codable {
    /// The account's id.
    public var id: SourceAccountID
    /// The user who owns the connection.
    public var owner: UserID
    /// The platform kind, e.g. `"Canvas"`.
    public var sourceType: String
    /// The user's label for the connection.
    public var sourceName: String
    /// The platform's base URL.
    public var baseUrl: String
    /// When the last successful poll finished, or nil.
    @ExplicitNull public var lastSuccessfulPoll: Timestamp?

    /// Creates a summary from its fields.
    public init(
        id: SourceAccountID,
        owner: UserID,
        sourceType: String,
        sourceName: String,
        baseUrl: String,
        lastSuccessfulPoll: Timestamp?
    ) {
        self.id = id
        self.owner = owner
        self.sourceType = sourceType
        self.sourceName = sourceName
        self.baseUrl = baseUrl
        self.lastSuccessfulPoll = lastSuccessfulPoll
    }

    /// The summary of `account`, without its token.
    public init(_ account: ExternalSourceAccount) {
        self.init(
            id: account.id,
            owner: account.owner,
            sourceType: account.sourceType,
            sourceName: account.sourceName,
            baseUrl: account.connectionDetails.baseUrl,
            lastSuccessfulPoll: account.lastSuccessfulPoll
        )
    }
}

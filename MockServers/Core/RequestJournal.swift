import KitPrimitives

/// How a request carried its credential. The journal records this, never the token itself.
public enum CredentialKind: String, Sendable, Hashable, Codable {
    /// No credential.
    case none
    /// `Authorization: Bearer …`.
    case bearer
    /// `Authorization: token …` (GitHub's older scheme).
    case token
    /// An `access_token` query or form parameter.
    case query
    /// Some other `Authorization` scheme.
    case other
}

/// One request the mock received and what it did with it.
public struct JournalEntry: Sendable, Hashable, Codable {
    /// 1-based arrival order.
    public var sequence: Int
    /// The virtual time at arrival.
    public var time: Timestamp
    /// The HTTP method.
    public var method: String
    /// The decoded path.
    public var path: String
    /// The query as sent, with any `access_token` value replaced by `[REDACTED]`.
    public var query: String
    /// The `Host` the client addressed.
    public var host: String
    /// How a credential was sent.
    public var credential: CredentialKind
    /// What the platform made of the credential: `valid`, `invalid`, `expired`, `revoked` (nil: none sent).
    public var tokenState: String?
    /// The platform user the credential belongs to, when valid.
    public var user: String?
    /// The status sent (nil when a transport fault sent none).
    public var status: Int?
    /// The fault kind applied, if any.
    public var fault: String?
    /// The id of the fault rule that fired, if any.
    public var faultRule: String?
    /// The `User-Agent` sent, for platforms that record it (GitHub requires one); nil when none was
    /// sent or the platform does not record it.
    public var userAgent: String?

    enum CodingKeys: String, CodingKey {
        case sequence, time, method, path, query, host, credential, tokenState = "token_state", user, status, fault
        case faultRule = "fault_rule", userAgent = "user_agent"
    }

    public init(
        sequence: Int, time: Timestamp, method: String, path: String, query: String, host: String,
        credential: CredentialKind, tokenState: String? = nil, user: String? = nil, status: Int? = nil,
        fault: String? = nil, faultRule: String? = nil, userAgent: String? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.method = method
        self.path = path
        self.query = query
        self.host = host
        self.credential = credential
        self.tokenState = tokenState
        self.user = user
        self.status = status
        self.fault = fault
        self.faultRule = faultRule
        self.userAgent = userAgent
    }
}

/// The request journal: what reached the platform, in order, bounded in size.
public struct RequestJournal: Sendable {
    /// The most entries kept; older ones are dropped (and counted).
    public let capacity: Int
    private var storage: [JournalEntry] = []
    private var start = 0
    /// How many entries were dropped to stay within capacity.
    public private(set) var dropped = 0
    /// The sequence number the next entry gets.
    public private(set) var nextSequence = 1

    public init(capacity: Int = 100_000) { self.capacity = max(1, capacity) }

    /// The kept entries, oldest first.
    public var entries: ArraySlice<JournalEntry> { storage[start...] }

    /// Appends an entry, assigning its sequence number.
    ///
    /// Old entries are dropped in batches (an eighth of the capacity at a time), so recording stays
    /// O(1) amortized however long the mock runs.
    public mutating func record(_ make: (Int) -> JournalEntry) {
        storage.append(make(nextSequence))
        nextSequence += 1
        if storage.count - start > capacity {
            start += 1
            dropped += 1
            if start >= max(1, capacity / 8) {
                storage.removeFirst(start)
                start = 0
            }
        }
    }

    /// Entries with sequence numbers greater than `sequence`.
    public func entries(after sequence: Int) -> ArraySlice<JournalEntry> {
        let kept = entries
        guard let first = kept.first else { return [] }
        // Sequence numbers are consecutive, so the position is arithmetic.
        let offset = max(0, sequence - first.sequence + 1)
        return offset >= kept.count ? [] : kept.dropFirst(offset)
    }

    /// Forgets every entry (sequence numbers keep counting).
    public mutating func clear() {
        storage.removeAll()
        start = 0
    }

    /// Removes a credential from a raw query: `access_token=…` becomes `access_token=[REDACTED]`.
    public static func redactQuery(_ raw: String) -> String {
        guard raw.contains("access_token") else { return raw }
        return raw.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.hasPrefix("access_token=") ? "access_token=[REDACTED]" : String(pair)
        }.joined(separator: "&")
    }
}

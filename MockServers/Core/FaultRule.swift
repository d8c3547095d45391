/// Which requests a fault rule applies to.
///
/// Every condition given must hold. Requests are counted per rule: each request whose method,
/// path and query match increments the rule's count, whether or not the fault then fires.
public struct FaultMatch: Sendable, Hashable, Codable {
    /// The HTTP method (any when nil).
    public var method: String?
    /// A path pattern: `*` matches one segment, `**` any number (any path when nil).
    public var path: PathPattern?
    /// Query parameters that must be present with these values (e.g. `{page: "2"}`).
    public var query: [String: String]?
    /// Fire only on the n-th matching request (1-based).
    public var nth: Int?
    /// Skip this many matching requests before firing.
    public var after: Int?
    /// Fire at most this many times (unlimited when nil, once when `nth` is set).
    public var times: Int?
    /// Fire with this probability (0...1), drawn from the rule's own seeded generator.
    public var probability: Double?

    public init(
        method: String? = nil, path: PathPattern? = nil, query: [String: String]? = nil, nth: Int? = nil,
        after: Int? = nil, times: Int? = nil, probability: Double? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.nth = nth
        self.after = after
        self.times = times
        self.probability = probability
    }

    /// Whether `request` is one this rule counts (method, path and query).
    public func selects(_ request: MockRequest) -> Bool {
        if let method, method.uppercased() != request.method.uppercased() { return false }
        if let path, !path.matches(request.path) { return false }
        if let query {
            for (name, value) in query where request.queryValue(name) != value { return false }
        }
        return true
    }

    func validate() throws(MockError) {
        if let nth, nth < 1 { throw MockError(.invalidFault, "nth must be >= 1, got \(nth)") }
        if let after, after < 0 { throw MockError(.invalidFault, "after must be >= 0, got \(after)") }
        if let times, times < 0 { throw MockError(.invalidFault, "times must be >= 0, got \(times)") }
        if let probability, !(0...1).contains(probability) {
            throw MockError(.invalidFault, "probability must be within 0...1, got \(probability)")
        }
    }
}

/// A fault and the requests it applies to.
///
/// ```yaml
/// - id: second-page-503
///   match: {method: GET, path: /api/v1/courses/*/assignments, query: {page: "2"}}
///   fault: {kind: status, status: 503}
/// ```
public struct FaultRule<Change: PlatformChange>: Sendable, Hashable, Codable {
    /// A name shown in the journal (`#<n>` by install order when absent).
    public var id: String?
    /// Which requests it applies to (every request when absent).
    public var match: FaultMatch
    /// What happens to them.
    public var fault: Fault<Change>

    public init(id: String? = nil, match: FaultMatch = FaultMatch(), fault: Fault<Change>) {
        self.id = id
        self.match = match
        self.fault = fault
    }

    enum CodingKeys: String, CodingKey { case id, match, fault }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        match = try c.decodeIfPresent(FaultMatch.self, forKey: .match) ?? FaultMatch()
        fault = try c.decode(Fault<Change>.self, forKey: .fault)
    }
}

/// A path pattern for fault rules: segments separated by `/`, `*` matches exactly one segment and
/// `**` matches any number of segments (including none).
public struct PathPattern: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let segments: [Substring]

    public init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(pattern)
    }

    public var description: String { pattern }

    /// Whether `path` matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let first = path.first, head == "*" || head == first else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    public static func == (lhs: PathPattern, rhs: PathPattern) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

import MockServerCore

/// A GitHub Classroom setting the controller may replace: the rate limits (`set_rate_limit`, the
/// body a `rate_limit` object; omitted fields take GitHub's defaults).
public typealias GitHubClassroomSetting = RateLimitSetting<GitHubRateLimit>

/// GitHub's REST rate limits, on the virtual clock (defaults from GitHub's "Rate limits for the REST API").
///
/// - Primary: `limit` requests per `window_seconds` per user, in a fixed window that opens with the
///   user's first request; exceeded → `status` (403 by default, or 429) with `x-ratelimit-remaining: 0`
///   until `x-ratelimit-reset`.
/// - Secondary: `secondary_points_per_minute` points per user per 60-second window (a `GET` costs
///   `request_points`); exceeded → `secondary_status` with `retry-after` (`secondary_retry_after`,
///   or the seconds left in the window when absent).
/// - Unauthenticated requests (always answered 401 here) count against one shared bucket of
///   `unauthenticated_limit` whose headers they carry.
///
/// ```yaml
/// rate_limit: {limit: 5000, window_seconds: 3600, status: 403, secondary_points_per_minute: 900}
/// ```
public struct GitHubRateLimit: Sendable, Hashable, Codable {
    /// Primary: requests per window per user.
    public var limit: Int = 5000
    /// Primary: the window length in seconds.
    public var windowSeconds: Int = 3600
    /// Primary: the status when exceeded (403 or 429).
    public var status: Int = 403
    /// The bucket unauthenticated requests share (its headers only: every route needs a token).
    public var unauthenticatedLimit: Int = 60
    /// Secondary: points per user per minute.
    public var secondaryPointsPerMinute: Int = 900
    /// Secondary: the points one `GET` costs.
    public var requestPoints: Int = 1
    /// Secondary: the status when exceeded (403 or 429).
    public var secondaryStatus: Int = 403
    /// Secondary: a fixed `retry-after`; nil sends the seconds left in the minute.
    public var secondaryRetryAfter: Int?

    /// GitHub's defaults.
    public init() {}

    /// Creates limits; unspecified values take GitHub's defaults.
    public init(
        limit: Int = 5000, windowSeconds: Int = 3600, status: Int = 403, unauthenticatedLimit: Int = 60,
        secondaryPointsPerMinute: Int = 900, requestPoints: Int = 1, secondaryStatus: Int = 403,
        secondaryRetryAfter: Int? = nil
    ) {
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.status = status
        self.unauthenticatedLimit = unauthenticatedLimit
        self.secondaryPointsPerMinute = secondaryPointsPerMinute
        self.requestPoints = requestPoints
        self.secondaryStatus = secondaryStatus
        self.secondaryRetryAfter = secondaryRetryAfter
    }

    enum CodingKeys: String, CodingKey {
        case limit, windowSeconds = "window_seconds", status, unauthenticatedLimit = "unauthenticated_limit"
        case secondaryPointsPerMinute = "secondary_points_per_minute", requestPoints = "request_points"
        case secondaryStatus = "secondary_status", secondaryRetryAfter = "secondary_retry_after"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        limit = try c.decodeIfPresent(Int.self, forKey: .limit) ?? 5000
        windowSeconds = try c.decodeIfPresent(Int.self, forKey: .windowSeconds) ?? 3600
        status = try c.decodeIfPresent(Int.self, forKey: .status) ?? 403
        unauthenticatedLimit = try c.decodeIfPresent(Int.self, forKey: .unauthenticatedLimit) ?? 60
        secondaryPointsPerMinute = try c.decodeIfPresent(Int.self, forKey: .secondaryPointsPerMinute) ?? 900
        requestPoints = try c.decodeIfPresent(Int.self, forKey: .requestPoints) ?? 1
        secondaryStatus = try c.decodeIfPresent(Int.self, forKey: .secondaryStatus) ?? 403
        secondaryRetryAfter = try c.decodeIfPresent(Int.self, forKey: .secondaryRetryAfter)
        for (key, value) in [(CodingKeys.status, status), (.secondaryStatus, secondaryStatus)] where value != 403 && value != 429 {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) must be 403 or 429, got \(value)")
        }
        for (key, value) in [(CodingKeys.limit, limit), (.windowSeconds, windowSeconds), (.unauthenticatedLimit, unauthenticatedLimit),
                             (.secondaryPointsPerMinute, secondaryPointsPerMinute)] where value < 1 {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) must be >= 1, got \(value)")
        }
        guard requestPoints >= 0, (secondaryRetryAfter ?? 0) >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .requestPoints, in: c, debugDescription: "request_points and secondary_retry_after must be >= 0")
        }
    }
}

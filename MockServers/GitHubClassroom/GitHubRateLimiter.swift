import KitPrimitives

/// GitHub's primary and secondary rate limits (``GitHubRateLimit``), on the virtual clock.
///
/// Both are fixed windows that open on a whole virtual second with the first request after the
/// previous window ended: the primary one `window_seconds` long per user (its end is
/// `x-ratelimit-reset`), the secondary one 60 seconds per user. A request is admitted when the
/// primary window has a request left and the secondary window has the request's points left; only
/// admitted requests are charged. Requests are charged atomically on arrival (a mock request takes
/// no time), so "concurrent requests" never count.
struct GitHubRateLimiter: Sendable {
    /// One fixed window: when it opened and what it has used.
    struct Window: Sendable {
        var start: Int64
        var used: Int
    }

    /// The values of the `x-ratelimit-*` headers.
    struct Status: Sendable, Equatable {
        var limit: Int
        var remaining: Int
        var used: Int
        /// The window's end in UTC epoch seconds.
        var reset: Int64

        /// The headers, in GitHub's order.
        var headers: [(name: String, value: String)] {
            [("x-ratelimit-limit", String(limit)), ("x-ratelimit-remaining", String(remaining)),
             ("x-ratelimit-reset", String(reset)), ("x-ratelimit-used", String(used)), ("x-ratelimit-resource", "core")]
        }
    }

    /// The outcome for one authenticated request.
    enum Decision: Sendable, Equatable {
        case admitted(Status)
        case primaryExceeded(Status)
        case secondaryExceeded(Status, retryAfter: Int)
    }

    private var primary: [String: Window] = [:]
    private var secondary: [String: Window] = [:]
    private static let anonymous = "anonymous"

    /// Decides on and charges one request by user `userID`.
    mutating func admit(user userID: Int64, now: Timestamp, limit: GitHubRateLimit) -> Decision {
        let key = "user:\(userID)"
        var window = Self.current(primary[key], now: now, length: limit.windowSeconds)
        var points = Self.current(secondary[key], now: now, length: 60)
        defer {
            primary[key] = window
            secondary[key] = points
        }
        guard window.used < limit.limit else {
            return .primaryExceeded(Self.status(window, limit: limit.limit, length: limit.windowSeconds))
        }
        guard points.used + limit.requestPoints <= limit.secondaryPointsPerMinute else {
            let retryAfter = limit.secondaryRetryAfter ?? Int(max(1, points.start + 60 - now.seconds))
            return .secondaryExceeded(Self.status(window, limit: limit.limit, length: limit.windowSeconds), retryAfter: retryAfter)
        }
        window.used += 1
        points.used += limit.requestPoints
        return .admitted(Self.status(window, limit: limit.limit, length: limit.windowSeconds))
    }

    /// Charges one unauthenticated request to the shared bucket (never refused: every route needs a
    /// token, so these are all answered 401 or 404 anyway).
    mutating func chargeUnauthenticated(now: Timestamp, limit: GitHubRateLimit) -> Status {
        var window = Self.current(primary[Self.anonymous], now: now, length: limit.windowSeconds)
        window.used = min(limit.unauthenticatedLimit, window.used + 1)
        primary[Self.anonymous] = window
        return Self.status(window, limit: limit.unauthenticatedLimit, length: limit.windowSeconds)
    }

    /// The headers a request by `userID` (nil: unauthenticated) would see now, without charging it.
    func peek(user userID: Int64?, now: Timestamp, limit: GitHubRateLimit) -> Status {
        let key = userID.map { "user:\($0)" } ?? Self.anonymous
        let size = userID == nil ? limit.unauthenticatedLimit : limit.limit
        return Self.status(Self.current(primary[key], now: now, length: limit.windowSeconds), limit: size, length: limit.windowSeconds)
    }

    /// The window in force at `now`: `window` if it has not ended, else a fresh one.
    private static func current(_ window: Window?, now: Timestamp, length: Int) -> Window {
        if let window, now.seconds < window.start + Int64(length) { return window }
        return Window(start: now.seconds, used: 0)
    }

    private static func status(_ window: Window, limit: Int, length: Int) -> Status {
        let used = min(window.used, limit)
        return Status(limit: limit, remaining: limit - used, used: used, reset: window.start + Int64(length))
    }
}

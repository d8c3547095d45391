import KitPrimitives

/// Canvas's leaky-bucket throttle (`app/middleware/request_throttle.rb`), on the virtual clock.
///
/// Each access token has its own bucket. Before a request the bucket leaks
/// `leak_per_second × elapsed virtual seconds`; if it is at or above the high-water mark the request
/// is throttled, otherwise the request's cost is added (clamped to the maximum).
/// `X-Rate-Limit-Remaining` is `high_water − level`. Requests are charged atomically on arrival, so
/// Canvas's in-flight "pre-flight penalty" never shows (a mock request takes no time).
struct CanvasThrottle: Sendable {
    struct Bucket: Sendable {
        var level: Double
        var touched: Timestamp
    }

    /// The outcome for one request.
    struct Decision: Sendable {
        var admitted: Bool
        /// The value for `X-Rate-Limit-Remaining`.
        var remaining: Double
    }

    private var buckets: [String: Bucket] = [:]

    /// Leaks, decides, and charges `cost` for an admitted request.
    mutating func admit(key: String, now: Timestamp, limit: CanvasRateLimit) -> Decision {
        var bucket = buckets[key] ?? Bucket(level: 0, touched: now)
        let elapsed = max(0, bucket.touched.secondsElapsed(until: now))
        bucket.level = max(0, bucket.level - limit.leakPerSecond * elapsed)
        bucket.touched = max(bucket.touched, now)
        defer { buckets[key] = bucket }
        if bucket.level >= limit.highWater {
            return Decision(admitted: false, remaining: 0)
        }
        bucket.level = min(limit.maximum, bucket.level + limit.requestCost)
        return Decision(admitted: true, remaining: limit.highWater - bucket.level)
    }

    /// Empties every bucket.
    mutating func reset() { buckets.removeAll() }

    /// Ruby's `Float#to_s` for the header values Canvas sends (`600.0`, `599.9876`).
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return "\(Int64(value)).0" }
        return value.description
    }
}

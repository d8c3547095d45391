import KitPrimitives
import MockServerCore

/// The mock Canvas platform's state: users and their tokens, courses, enrollments and assignments,
/// the virtual clock's start, and platform settings (README, "World files"). World files decode into this.
///
/// ```yaml
/// clock: "2025-09-01T12:00:00Z"
/// users: [{id: 101, name: Alice Student, tokens: [tok-alice]}]
/// courses:
///   - {id: 2001, name: 6.104 Software Studio, course_code: "6.104",
///      enrollments: [{user: 101, type: student}],
///      assignments: [{id: 50001, name: Problem Set 1, due_at: "2025-09-10T03:59:59Z"}]}
/// ```
public struct CanvasWorld: Sendable, Hashable, Codable, TokenWorld, RateLimitedWorld {
    /// Virtual time at start.
    public var clock: Timestamp
    /// How timestamps are written in responses.
    public var timestampStyle: TimestampStyle
    /// Throttling parameters.
    public var rateLimit: CanvasRateLimit
    /// The status for "valid token, no permission": 403 (current Canvas) or 401 (older Canvas).
    public var permissionStatus: Int
    /// Platform users.
    public var users: [CanvasUser]
    /// Courses, each with its enrollments and assignments.
    public var courses: [CanvasCourse]

    public init(
        clock: Timestamp = CanvasWorld.defaultClock, timestampStyle: TimestampStyle = .utc,
        rateLimit: CanvasRateLimit = CanvasRateLimit(), permissionStatus: Int = 403,
        users: [CanvasUser] = [], courses: [CanvasCourse] = []
    ) {
        self.clock = clock
        self.timestampStyle = timestampStyle
        self.rateLimit = rateLimit
        self.permissionStatus = permissionStatus
        self.users = users
        self.courses = courses
    }

    /// An empty world at the default clock.
    public init() { self.init(clock: CanvasWorld.defaultClock, timestampStyle: .utc) }

    /// The fields of a world file (they encode in declaration order).
    enum CodingKeys: String, CodingKey {
        case clock, timestampStyle = "timestamp_style", rateLimit = "rate_limit", permissionStatus = "permission_status"
        case users, courses
    }

    /// The clock used when a world file gives none: 2025-09-01T12:00:00Z.
    public static let defaultClock = Timestamp(seconds: 1_756_728_000)
}

/// How the mock writes timestamps: `utc` (`…Z`, as Canvas does) or a fixed UTC offset (to check
/// that clients parse offsets).
public enum TimestampStyle: Sendable, Hashable, Codable, CustomStringConvertible {
    case utc
    /// A fixed offset in minutes east of UTC.
    case offset(minutes: Int)

    /// Minutes east of UTC.
    public var offsetMinutes: Int {
        if case .offset(let m) = self { return m }
        return 0
    }

    /// `utc`, or the offset as `±HH:MM`.
    public var description: String {
        switch self {
        case .utc: "utc"
        case .offset(let m): (m < 0 ? "-" : "+") + String(format2: abs(m) / 60) + ":" + String(format2: abs(m) % 60)
        }
    }

    /// Reads `utc`, `offset` (meaning -06:00) or an explicit `±HH:MM`.
    public init(parsing text: String) throws(MockError) {
        switch text {
        case "utc", "Z", "z": self = .utc
        case "offset": self = .offset(minutes: -360)
        default:
            let u = Array(text.utf8)
            guard u.count == 6, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-"), u[3] == UInt8(ascii: ":"),
                let h = Int(String(decoding: u[1...2], as: UTF8.self)), let m = Int(String(decoding: u[4...5], as: UTF8.self)),
                h < 24, m < 60
            else {
                throw MockError(.invalidWorld, "timestamp_style must be utc, offset or ±HH:MM, got '\(text)'")
            }
            let minutes = (h * 60 + m) * (u[0] == UInt8(ascii: "-") ? -1 : 1)
            self = minutes == 0 ? .utc : .offset(minutes: minutes)
        }
    }

    public init(from decoder: any Decoder) throws {
        self = try TimestampStyle(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension String {
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}

/// A Canvas setting the controller may replace: the throttle parameters (`set_rate_limit`, the body
/// a `rate_limit` object).
public typealias CanvasSetting = RateLimitSetting<CanvasRateLimit>

/// Canvas's leaky-bucket throttle, on the virtual clock (defaults from `request_throttle.rb`).
public struct CanvasRateLimit: Sendable, Hashable, Codable {
    /// The bucket is "full" (requests are throttled) at this level.
    public var highWater: Double = 600
    /// The bucket never holds more than this.
    public var maximum: Double = 800
    /// Units that leak out per virtual second.
    public var leakPerSecond: Double = 10
    /// The cost of one request (Canvas measures CPU and database time; the mock charges a fixed cost).
    public var requestCost: Double = 1
    /// The status of a throttled response: 403 (Canvas before 2025-10) or 429 (since).
    public var status: Int = 403
    /// A `Retry-After` value in seconds on throttled responses (Canvas sends none).
    public var retryAfter: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case highWater = "high_water", maximum, leakPerSecond = "leak_per_second", requestCost = "request_cost"
        case status, retryAfter = "retry_after"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        highWater = try c.decodeIfPresent(Double.self, forKey: .highWater) ?? 600
        maximum = try c.decodeIfPresent(Double.self, forKey: .maximum) ?? max(800, highWater)
        leakPerSecond = try c.decodeIfPresent(Double.self, forKey: .leakPerSecond) ?? 10
        requestCost = try c.decodeIfPresent(Double.self, forKey: .requestCost) ?? 1
        status = try c.decodeIfPresent(Int.self, forKey: .status) ?? 403
        retryAfter = try c.decodeIfPresent(Int.self, forKey: .retryAfter)
        guard status == 403 || status == 429 else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "status must be 403 or 429, got \(status)")
        }
        guard highWater > 0, leakPerSecond >= 0, requestCost >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .highWater, in: c, debugDescription: "high_water must be > 0; leak_per_second and request_cost >= 0")
        }
    }
}

/// A world whose one setting the controller may replace is its rate limits (Canvas's throttle,
/// GitHub's primary and secondary limits).
public protocol RateLimitedWorld {
    /// The platform's rate-limit parameters, as world files write them under `rate_limit`.
    associatedtype RateLimit: Sendable, Hashable, Decodable
    /// The current rate limits.
    var rateLimit: RateLimit { get set }
}

extension RateLimitedWorld {
    /// Replaces a platform setting.
    public mutating func apply(_ setting: RateLimitSetting<RateLimit>) {
        switch setting {
        case .rateLimit(let limit): rateLimit = limit
        }
    }
}

/// The setting of a ``RateLimitedWorld``.
public enum RateLimitSetting<RateLimit: Sendable & Hashable & Decodable>: PlatformSetting {
    /// New rate limits (`set_rate_limit`, the body a `rate_limit` object).
    case rateLimit(RateLimit)

    public static var names: [String] { ["set_rate_limit"] }

    public init(name: String, payload: String, file: String) throws(MockError) {
        guard name == "set_rate_limit" else { throw MockError(.invalidCommand, "unknown setting '\(name)'") }
        self = .rateLimit(try YAMLDocument.decode(RateLimit.self, from: payload, file: file, code: .invalidCommand))
    }
}

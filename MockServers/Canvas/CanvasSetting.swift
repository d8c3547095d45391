import MockServerCore

/// A Canvas setting the controller may replace: the throttle parameters (`set_rate_limit`, the body
/// a `rate_limit` object).
public typealias CanvasSetting = RateLimitSetting<CanvasRateLimit>

import MockServerCore

/// A Canvas setting the controller may replace.
public enum CanvasSetting: PlatformSetting {
    /// The throttle parameters (`set_rate_limit`, the body a `rate_limit` object).
    case rateLimit(CanvasRateLimit)

    public static let names = ["set_rate_limit"]

    public init(name: String, payload: String, file: String) throws(MockError) {
        guard name == "set_rate_limit" else { throw MockError(.invalidCommand, "unknown setting '\(name)'") }
        self = .rateLimit(try YAMLDocument.decode(CanvasRateLimit.self, from: payload, file: file, code: .invalidCommand))
    }
}

/// Formats durations for the `time` attributes: seconds, at most 3 decimals, never exponent notation.
///
/// The value is rounded to whole milliseconds (half away from zero), then written as the integer
/// seconds plus up to three fraction digits with trailing zeros removed:
/// `0` → `"0"`, `0.0004` → `"0"`, `0.0005` → `"0.001"`, `1.23456` → `"1.235"`, `2.5` → `"2.5"`,
/// `12345.6` → `"12345.6"`. Negative, NaN and infinite inputs are written as `"0"`; values above
/// ``maximumSeconds`` are clamped to it. Jenkins rejects more than 3 decimals (SwiftPM's xunit output
/// fails there for that reason), and GitLab expects seconds, not milliseconds.
public enum JUnitTimeFormat {
    /// The largest duration written (about 31,700 years), which keeps millisecond arithmetic exact.
    public static let maximumSeconds: Double = 1e12

    /// The `time` attribute text for `seconds`.
    public static func string(seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0" }
        let clamped = min(seconds, maximumSeconds)
        let milliseconds = Int64((clamped * 1000).rounded(.toNearestOrAwayFromZero))
        let whole = milliseconds / 1000
        let fraction = Int(milliseconds % 1000)
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// Parses a `time` attribute written by this library or by another tool.
    ///
    /// Accepts plain decimals (`"1.5"`), exponents (`"1e-3"`), and thousands separators
    /// (`"1,234.5"`, as some Surefire versions write); anything else, or a negative value, is `nil`.
    public static func seconds(from text: String) -> Double? {
        let trimmed = text.filter { $0 != "," && !$0.isWhitespace }
        guard let value = Double(trimmed), value.isFinite, value >= 0 else { return nil }
        return value
    }
}

/// An instant on the UTC time line, with nanosecond precision, read from and written as RFC 3339.
///
/// Every part of the kit (the mock platforms, the reference implementation, the model and the
/// checker) uses this one type, so timestamps compare as instants everywhere and never as text:
/// `2025-09-10T03:59:59Z` and `2025-09-09T21:59:59-06:00` are equal.
///
/// ```swift
/// let due = try Timestamp(rfc3339: "2025-09-09T21:59:59-06:00")
/// due.rfc3339()                   // "2025-09-10T03:59:59Z"
/// due.rfc3339(offsetMinutes: -360) // "2025-09-09T21:59:59-06:00"
/// ```
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    public private(set) var seconds: Int64
    /// The fraction of the second, in nanoseconds, `0..<1_000_000_000`.
    public private(set) var nanoseconds: Int32

    /// Creates an instant; `nanoseconds` outside `0..<1e9` is carried into `seconds`.
    public init(seconds: Int64, nanoseconds: Int64 = 0) {
        let carry = nanoseconds.floorDivided(by: 1_000_000_000)
        self.seconds = seconds + carry
        self.nanoseconds = Int32(nanoseconds - carry * 1_000_000_000)
    }

    /// Creates an instant from milliseconds since the Unix epoch.
    public init(millisecondsSinceEpoch ms: Int64) {
        self.init(seconds: 0, nanoseconds: ms * 1_000_000)
    }

    /// Milliseconds since the Unix epoch, rounded toward negative infinity.
    public var millisecondsSinceEpoch: Int64 {
        seconds * 1000 + Int64(nanoseconds / 1_000_000)
    }

    /// The instant `duration` later (earlier when negative).
    public func advanced(by duration: Duration) -> Timestamp {
        let (s, attoseconds) = duration.components
        return Timestamp(seconds: seconds + s, nanoseconds: Int64(nanoseconds) + attoseconds / 1_000_000_000)
    }

    /// The instant `seconds` later.
    public func advanced(bySeconds delta: Int64) -> Timestamp {
        Timestamp(seconds: seconds + delta, nanoseconds: Int64(nanoseconds))
    }

    /// The signed duration from `self` to `other`.
    public func duration(to other: Timestamp) -> Duration {
        .seconds(other.seconds - seconds) + .nanoseconds(Int64(other.nanoseconds) - Int64(nanoseconds))
    }

    /// Seconds from `self` to `other` as a `Double` (for rate computations).
    public func secondsElapsed(until other: Timestamp) -> Double {
        Double(other.seconds - seconds) + Double(Int64(other.nanoseconds) - Int64(nanoseconds)) / 1e9
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

extension Timestamp: CustomStringConvertible {
    /// The RFC 3339 form in UTC with a `Z`, fraction only when non-zero.
    public var description: String { rfc3339() }
}

extension Timestamp: Codable {
    /// Decodes an RFC 3339 string; the error names the offending text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Timestamp(rfc3339: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339())
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

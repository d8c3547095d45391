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
/// due.asWritten                   // "2025-09-09T21:59:59-06:00": how the text it was read from wrote it
/// ```
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01T00:00:00Z (negative before it).
    public private(set) var seconds: Int64
    /// The fraction of the second, in nanoseconds, `0..<1_000_000_000`.
    public private(set) var nanoseconds: Int32
    /// How the RFC 3339 text this instant was read from wrote it; nil for a computed instant. It is
    /// not part of the value: equality, hashing and order are the instant's alone.
    public private(set) var writtenForm: WrittenForm?

    /// The offset and fraction digits of an RFC 3339 text, so the instant can be written back the
    /// same way: a scenario's `"2025-09-01T07:00:00-06:00"` reaches an implementation as written,
    /// and one that compares timestamps as text is caught.
    public struct WrittenForm: Sendable, Hashable {
        /// The UTC offset the text showed (0 for `Z`).
        public var offsetMinutes: Int16
        /// The digits of fraction it showed (0...9).
        public var fractionDigits: Int8
    }

    /// Creates an instant; `nanoseconds` outside `0..<1e9` is carried into `seconds`.
    public init(seconds: Int64, nanoseconds: Int64 = 0) {
        let carry = nanoseconds.floorDivided(by: 1_000_000_000)
        self.seconds = seconds + carry
        self.nanoseconds = Int32(nanoseconds - carry * 1_000_000_000)
    }

    /// The instant `timestamp` is, written as `form` describes.
    init(_ timestamp: Timestamp, writtenAs form: WrittenForm) {
        self = timestamp
        writtenForm = form
    }

    /// The RFC 3339 text this instant was read from (its offset and fraction digits; `T` and `Z`
    /// upper case), or for a computed instant ``rfc3339(offsetMinutes:fractionDigits:)``'s UTC form.
    public var asWritten: String {
        guard let writtenForm else { return rfc3339() }
        return rfc3339(offsetMinutes: Int(writtenForm.offsetMinutes), fractionDigits: Int(writtenForm.fractionDigits))
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.seconds == rhs.seconds && lhs.nanoseconds == rhs.nanoseconds
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(nanoseconds)
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

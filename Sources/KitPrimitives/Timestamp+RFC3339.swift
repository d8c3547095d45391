/// Why a string is not an RFC 3339 date-time.
public struct TimestampParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was rejected.
    public var text: String
    /// What was wrong with it.
    public var reason: String

    public var description: String { "not an RFC 3339 date-time (\(reason)): \"\(text)\"" }
}

extension Timestamp {
    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    ///
    /// `T` may also be `t` or a space, `Z` may be `z`; the fraction may have 1 to 9 digits (more are
    /// truncated). A leap second (`:60`) is read as the first instant of the next minute.
    /// - Throws: ``TimestampParseError`` naming the text and the reason.
    public init(rfc3339 text: String) throws(TimestampParseError) {
        var s = Substring(text).utf8[...]
        func fail(_ reason: String) -> TimestampParseError { TimestampParseError(text: text, reason: reason) }
        func digits(_ n: Int, _ field: String) throws(TimestampParseError) -> Int64 {
            var value: Int64 = 0
            for _ in 0..<n {
                guard let c = s.first, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else {
                    throw fail("expected \(n) digits for \(field)")
                }
                value = value * 10 + Int64(c - UInt8(ascii: "0"))
                s = s.dropFirst()
            }
            return value
        }
        func expect(_ chars: String, _ what: String) throws(TimestampParseError) {
            guard let c = s.first, chars.utf8.contains(c) else { throw fail("expected \(what)") }
            s = s.dropFirst()
        }
        let year = try digits(4, "year")
        try expect("-", "'-' after year")
        let month = try digits(2, "month")
        try expect("-", "'-' after month")
        let day = try digits(2, "day")
        try expect("Tt ", "'T' between date and time")
        let hour = try digits(2, "hour")
        try expect(":", "':' after hour")
        let minute = try digits(2, "minute")
        try expect(":", "':' after minute")
        let second = try digits(2, "second")
        var nanos: Int64 = 0
        var count = 0
        if s.first == UInt8(ascii: ".") {
            s = s.dropFirst()
            while let c = s.first, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                if count < 9 { nanos = nanos * 10 + Int64(c - UInt8(ascii: "0")) }
                count += 1
                s = s.dropFirst()
            }
            guard count > 0 else { throw fail("expected digits after '.'") }
            for _ in min(count, 9)..<9 { nanos *= 10 }
        }
        var offsetSeconds: Int64 = 0
        guard let zone = s.first else { throw fail("missing time zone ('Z' or ±HH:MM)") }
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            s = s.dropFirst()
        } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
            s = s.dropFirst()
            let oh = try digits(2, "offset hours")
            try expect(":", "':' in offset")
            let om = try digits(2, "offset minutes")
            guard oh <= 23, om <= 59 else { throw fail("offset out of range") }
            offsetSeconds = (oh * 3600 + om * 60) * (zone == UInt8(ascii: "-") ? -1 : 1)
        } else {
            throw fail("missing time zone ('Z' or ±HH:MM)")
        }
        guard s.isEmpty else { throw fail("unexpected text after the time zone") }
        guard (1...12).contains(month) else { throw fail("month out of range") }
        guard day >= 1, day <= Self.daysInMonth(year: year, month: month) else { throw fail("day out of range") }
        guard hour <= 23, minute <= 59, second <= 60 else { throw fail("time out of range") }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let local = days * 86_400 + hour * 3600 + minute * 60 + second
        self.init(
            Timestamp(seconds: local - offsetSeconds, nanoseconds: nanos),
            writtenAs: WrittenForm(offsetMinutes: Int16(offsetSeconds / 60), fractionDigits: Int8(min(count, 9))))
    }

    /// Parses an RFC 3339 string, or returns nil.
    public static func parse(_ text: String) -> Timestamp? { try? Timestamp(rfc3339: text) }

    /// Formats as RFC 3339.
    ///
    /// - Parameters:
    ///   - offsetMinutes: The UTC offset to show; 0 writes `Z`, anything else `±HH:MM`.
    ///   - fractionDigits: Digits of fraction to write (0...9); nil writes 3, 6 or 9 digits only when
    ///     the fraction is non-zero (so whole seconds look like Canvas's `2025-09-10T03:59:59Z`).
    public func rfc3339(offsetMinutes: Int = 0, fractionDigits: Int? = nil) -> String {
        let local = seconds + Int64(offsetMinutes) * 60
        let days = local.floorDivided(by: 86_400)
        let secondOfDay = local - days * 86_400
        let (y, m, d) = Self.civilFromDays(days)
        var out = ""
        out.reserveCapacity(32)
        out += Self.pad(y, 4) + "-" + Self.pad(m, 2) + "-" + Self.pad(d, 2) + "T"
        out += Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2) + ":"
        out += Self.pad(secondOfDay % 60, 2)
        let digits: Int
        if let fractionDigits {
            digits = max(0, min(9, fractionDigits))
        } else if nanoseconds == 0 {
            digits = 0
        } else if nanoseconds % 1_000_000 == 0 {
            digits = 3
        } else if nanoseconds % 1000 == 0 {
            digits = 6
        } else {
            digits = 9
        }
        if digits > 0 {
            var fraction = Int64(nanoseconds)
            for _ in digits..<9 { fraction /= 10 }
            out += "." + Self.pad(fraction, digits)
        }
        if offsetMinutes == 0 {
            out += "Z"
        } else {
            let magnitude = abs(offsetMinutes)
            out += (offsetMinutes < 0 ? "-" : "+") + Self.pad(Int64(magnitude / 60), 2) + ":"
                + Self.pad(Int64(magnitude % 60), 2)
        }
        return out
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func isLeapYear(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

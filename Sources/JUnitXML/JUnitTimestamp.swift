import Foundation

/// An ISO 8601 date-time as written in `testsuite/@timestamp`.
///
/// A value can only be made from a `Date` (formatted by Foundation as UTC with a `Z`, whole
/// seconds: `2025-09-10T03:59:59Z`) or from text that passes ``init(iso8601:)``, so a writer can never
/// emit a timestamp the schema rejects. Text from other tools (for example shards being merged) is
/// kept as written when it has the shape `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]`; the zone is
/// optional because Ant writes local times without one.
public struct JUnitTimestamp: Sendable, Hashable, CustomStringConvertible {
    /// The ISO 8601 text.
    public let text: String

    /// Formats `date` as UTC with whole seconds, for example `2025-09-10T03:59:59Z`.
    public init(_ date: Date) {
        text = date.formatted(Date.ISO8601FormatStyle())
    }

    /// Accepts `YYYY-MM-DDThh:mm:ss`, optionally followed by `.` and 1–9 digits, optionally followed by
    /// `Z` or `±hh:mm`; returns `nil` for anything else (surrounding whitespace is trimmed).
    public init?(iso8601 text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard Self.hasISO8601Shape(Array(trimmed.utf8)) else { return nil }
        self.text = trimmed
    }

    /// The current time.
    public static func now() -> JUnitTimestamp {
        JUnitTimestamp(Date())
    }

    public var description: String { text }

    /// Mirrors the `Timestamp` pattern in ``JUnitSchema/xsd``.
    static func hasISO8601Shape(_ bytes: [UInt8]) -> Bool {
        // Positions of the fixed part "YYYY-MM-DDThh:mm:ss".
        let layout: [UInt8?] = [
            nil, nil, nil, nil, UInt8(ascii: "-"), nil, nil, UInt8(ascii: "-"), nil, nil,
            UInt8(ascii: "T"), nil, nil, UInt8(ascii: ":"), nil, nil, UInt8(ascii: ":"), nil, nil,
        ]
        guard bytes.count >= layout.count else { return false }
        for (index, expected) in layout.enumerated() {
            if let expected {
                guard bytes[index] == expected else { return false }
            } else {
                guard isDigit(bytes[index]) else { return false }
            }
        }
        var index = layout.count
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let digitsStart = index + 1
            index = digitsStart
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            let digitCount = index - digitsStart
            guard (1...9).contains(digitCount) else { return false }
        }
        if index == bytes.count { return true }
        if bytes[index] == UInt8(ascii: "Z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
              bytes.count - index == 6,
              isDigit(bytes[index + 1]), isDigit(bytes[index + 2]),
              bytes[index + 3] == UInt8(ascii: ":"),
              isDigit(bytes[index + 4]), isDigit(bytes[index + 5])
        else { return false }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

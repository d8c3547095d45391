import Foundation
import JUnitXML
import Testing

@Suite struct JUnitTimeFormatTests {
    @Test(arguments: [
        (0.0, "0"), (0.0004, "0"), (0.0005, "0.001"), (0.001, "0.001"), (0.125, "0.125"),
        (1.23456, "1.235"), (2.5, "2.5"), (2.50049, "2.5"), (0.1 + 0.2, "0.3"), (59.9999, "60"),
        (12345.6, "12345.6"), (123_456_789.123, "123456789.123"), (1e-300, "0"),
        (1e20, "1000000000000"), (-1.0, "0"), (-0.0, "0"), (Double.nan, "0"), (Double.infinity, "0"),
    ])
    func formatsSecondsWithAtMostThreeDecimals(seconds: Double, expected: String) {
        #expect(JUnitTimeFormat.string(seconds: seconds) == expected)
    }

    @Test(arguments: 0..<2000)
    func neverUsesExponentsOrTrailingZeros(step: Int) {
        // Spans 1e-6 … 1e12 geometrically.
        let seconds = pow(10, -6 + Double(step) * 18 / 2000)
        let text = JUnitTimeFormat.string(seconds: seconds)
        #expect(text.allSatisfy { $0.isNumber || $0 == "." })
        if let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            #expect((1...3).contains(fraction.count))
            #expect(fraction.last != "0")
        }
        #expect(abs((Double(text) ?? -1) - min(seconds, 1e12)) <= 0.0005 + seconds * 1e-15)
    }

    @Test(arguments: [
        ("1.5", 1.5), ("0", 0), ("1e-3", 0.001), ("1,234.5", 1234.5), (" 2 ", 2),
    ] as [(String, Double)])
    func parsesTimeAttributes(text: String, expected: Double) {
        #expect(JUnitTimeFormat.seconds(from: text) == expected)
    }

    @Test(arguments: ["", "abc", "-1", "nan", "inf"])
    func rejectsUnusableTimeAttributes(text: String) {
        #expect(JUnitTimeFormat.seconds(from: text) == nil)
    }
}

@Suite struct JUnitTimestampTests {
    @Test func formatsDatesAsUTCWithWholeSeconds() {
        #expect(JUnitTimestamp(Date(timeIntervalSince1970: 1_757_476_799.75)).text == "2025-09-10T03:59:59Z")
        #expect(JUnitTimestamp(Date(timeIntervalSince1970: 0)).text == "1970-01-01T00:00:00Z")
    }

    @Test(arguments: [
        "2025-09-10T03:59:59Z", "2025-09-10T03:59:59", "2025-09-10T03:59:59.123Z",
        "2025-09-09T21:59:59-06:00", "2025-09-10T03:59:59.123456+00:00",
    ])
    func acceptsISO8601(text: String) {
        #expect(JUnitTimestamp(iso8601: text)?.text == text)
    }

    @Test(arguments: [
        "", "2025-09-10", "2025-09-10 03:59:59", "2025-09-10T03:59:59.Z", "2025-09-10T03:59:59+0600",
        "2025-09-10T03:59:59ZZ", "Wed, 10 Sep 2025 03:59:59 GMT", "2025-09-10T03:59:59.1234567890Z",
    ])
    func rejectsOtherText(text: String) {
        #expect(JUnitTimestamp(iso8601: text) == nil)
    }

    @Test func acceptedTimestampsValidateAgainstTheSchema() throws {
        for text in ["2025-09-10T03:59:59", "2025-09-09T21:59:59-06:00", "2025-09-10T03:59:59.5Z"] {
            let timestamp = try #require(JUnitTimestamp(iso8601: text))
            let report = JUnitReport(name: "r", timestamp: timestamp, suites: [JUnitSuite(name: "s")])
            #expect(JUnitValidator.validate(bytes: try JUnitWriter.write(report)) == [])
        }
    }
}

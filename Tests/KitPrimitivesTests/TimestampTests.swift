import KitPrimitives
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-09-10T03:59:59Z", Int64(1_757_476_799), Int32(0)),
        ("2025-09-09T21:59:59-06:00", 1_757_476_799, 0),
        ("2025-09-10T09:29:59+05:30", 1_757_476_799, 0),
        ("1970-01-01T00:00:00Z", 0, 0),
        ("1969-12-31T23:59:59.5Z", -1, 500_000_000),
        ("2024-02-29T12:00:00.123456789z", 1_709_208_000, 123_456_789),
        ("2000-03-01 00:00:00+00:00", 951_868_800, 0),
    ])
    func parsesInstants(text: String, seconds: Int64, nanos: Int32) throws {
        let t = try Timestamp(rfc3339: text)
        #expect(t.seconds == seconds)
        #expect(t.nanoseconds == nanos)
    }

    @Test(arguments: [
        "2025-09-10", "2025-09-10T03:59:59", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
        "2025-09-10T24:00:00Z", "2025-09-10T03:59:59+0600", "2025-09-10T03:59:59.Z", "x", "",
        "2025-09-10T03:59:59Z ", "1757476799",
    ])
    func rejectsNonRFC3339(text: String) {
        #expect(throws: TimestampParseError.self) { try Timestamp(rfc3339: text) }
    }

    @Test func offsetsCompareAsInstants() throws {
        let utc = try Timestamp(rfc3339: "2025-09-10T03:59:59Z")
        let denver = try Timestamp(rfc3339: "2025-09-09T21:59:59-06:00")
        let later = try Timestamp(rfc3339: "2025-09-09T22:00:00-06:00")
        #expect(utc == denver)
        #expect(denver < later)
        // As text the later instant sorts first: the reason the kit never compares text.
        #expect("2025-09-09T22:00:00-06:00" < "2025-09-10T03:59:59Z")
    }

    @Test func formatsRoundTrip() throws {
        let t = try Timestamp(rfc3339: "2025-09-10T03:59:59Z")
        #expect(t.rfc3339() == "2025-09-10T03:59:59Z")
        #expect(t.rfc3339(offsetMinutes: -360) == "2025-09-09T21:59:59-06:00")
        #expect(t.rfc3339(offsetMinutes: 330) == "2025-09-10T09:29:59+05:30")
        #expect(t.rfc3339(fractionDigits: 3) == "2025-09-10T03:59:59.000Z")
        let frac = Timestamp(seconds: -1, nanoseconds: 250_000_000)
        #expect(frac.rfc3339() == "1969-12-31T23:59:59.250Z")
        #expect(try Timestamp(rfc3339: frac.rfc3339()) == frac)
    }

    @Test func randomInstantsRoundTripThroughEveryOffset() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let t = Timestamp(
                seconds: Int64.random(in: -2_000_000_000...8_000_000_000, using: &rng),
                nanoseconds: Int64.random(in: 0..<1_000_000_000, using: &rng))
            let offset = Int.random(in: -(23 * 60 + 59)...(23 * 60 + 59), using: &rng)
            #expect(try Timestamp(rfc3339: t.rfc3339(offsetMinutes: offset)) == t)
        }
    }

    @Test func arithmeticAndMilliseconds() {
        let t = Timestamp(millisecondsSinceEpoch: 1_500)
        #expect(t.seconds == 1 && t.nanoseconds == 500_000_000)
        #expect(t.advanced(by: .milliseconds(600)).millisecondsSinceEpoch == 2_100)
        #expect(t.advanced(bySeconds: -2).millisecondsSinceEpoch == -500)
        #expect(t.secondsElapsed(until: t.advanced(by: .seconds(90))) == 90)
    }

    /// A parsed timestamp writes itself back as it was written (offset and fraction digits), and is
    /// still equal to, hashed as and ordered like the same instant written any other way.
    @Test(arguments: ["2025-09-01T07:00:00-06:00", "2025-09-01T12:00:00.5Z", "2025-09-01T12:00:00.500Z", "2025-09-01T17:30:00.123456789+05:30"])
    func theWrittenFormRoundTripsAndIsNotPartOfTheValue(_ text: String) throws {
        let written = try Timestamp(rfc3339: text)
        #expect(written.asWritten == text)
        let canonical = Timestamp(seconds: written.seconds, nanoseconds: Int64(written.nanoseconds))
        #expect(canonical.writtenForm == nil && canonical.asWritten == canonical.rfc3339())
        #expect(written == canonical)
        #expect(Set([written, canonical]).count == 1)
        #expect(!(written < canonical) && !(canonical < written))
        #expect(written.rfc3339() == canonical.rfc3339(), "rfc3339() stays the UTC form")
        #expect(written.advanced(bySeconds: 1).writtenForm == nil, "arithmetic gives a computed instant")
    }
}

@Suite struct SplitMix64Tests {
    @Test func sameSeedSameSequence() {
        var a = SplitMix64(seed: 12345)
        var b = SplitMix64(seed: 12345)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func knownFirstOutput() {
        // Reference value of SplitMix64 for seed 0 (Vigna's splitmix64.c).
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    }

    @Test func derivedSeedsDifferByLabelAndAreStable() {
        #expect(SplitMix64.derive(1, "a") != SplitMix64.derive(1, "b"))
        #expect(SplitMix64.derive(1, "a") == SplitMix64.derive(1, "a"))
        #expect(StableHash.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xAF63_DC4C_8601_EC8C)
    }
}

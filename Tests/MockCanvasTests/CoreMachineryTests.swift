import KitPrimitives
import MockServerCore
import Testing

/// The shared mock machinery: journal bounds, path patterns, percent-encoding, the virtual clock.
@Suite struct CoreMachineryTests {
    @Test func journalStaysWithinCapacityAndSlicesBySequence() {
        var journal = RequestJournal(capacity: 100)
        for _ in 0..<1_000 {
            journal.record { JournalEntry(sequence: $0, time: Timestamp(seconds: 0), method: "GET", path: "/", query: "", host: "h", credential: .none) }
            #expect(journal.entries.count <= 100)
        }
        #expect(journal.entries.count == 100)
        #expect(journal.dropped == 900)
        #expect(journal.entries.first?.sequence == 901)
        #expect(journal.entries(after: 990).map(\.sequence) == Array(991...1000))
        #expect(journal.entries(after: 0).count == 100)
        #expect(journal.entries(after: 1000).isEmpty)
        journal.clear()
        #expect(journal.entries.isEmpty)
        #expect(journal.nextSequence == 1001)
    }

    @Test func redactsAccessTokensFromQueries() {
        #expect(RequestJournal.redactQuery("per_page=5&access_token=s3cret&page=2") == "per_page=5&access_token=[REDACTED]&page=2")
        #expect(RequestJournal.redactQuery("page=2") == "page=2")
    }

    @Test(arguments: [
        ("/api/v1/courses/*/assignments", "/api/v1/courses/12/assignments", true),
        ("/api/v1/courses/*/assignments", "/api/v1/courses/12/assignments/3", false),
        ("/api/**", "/api/v1/courses/12/assignments/3", true),
        ("/api/**/3", "/api/v1/courses/12/assignments/3", true),
        ("/**", "/", true),
        ("/api/v1/users/self", "/api/v1/users/self/", true),
        ("/api/v1/users/self", "/api/v1/users/me", false),
    ])
    func pathPatterns(pattern: String, path: String, matches: Bool) {
        #expect(PathPattern(pattern).matches(path) == matches)
    }

    @Test func percentDecodingKeepsOrderAndRepeats() {
        let items = PercentEncoding.parseQuery("include%5B%5D=a&include[]=b&name=x+y%21&empty")
        #expect(items.map(\.name) == ["include[]", "include[]", "name", "empty"])
        #expect(items.map(\.value) == ["a", "b", "x y!", ""])
        #expect(PercentEncoding.encodeComponent("include[]") == "include%5B%5D")
        #expect(PercentEncoding.decode("%zz%41", plusIsSpace: false) == "%zzA")
    }

    @Test func virtualClockNeverRunsBackwards() throws {
        var clock = VirtualClock(start: Timestamp(seconds: 100))
        try clock.advance(by: .seconds(5))
        #expect(clock.now == Timestamp(seconds: 105))
        #expect(throws: MockError.self) { try clock.advance(by: .seconds(-1)) }
        #expect(throws: MockError.self) { try clock.set(Timestamp(seconds: 99)) }
        try clock.set(Timestamp(seconds: 105))
        #expect(clock.now == Timestamp(seconds: 105))
    }

    @Test func jsonValueWritesRubyForms() {
        let value: JSONValue = .object([("a", .double(10)), ("b", .double(0.25)), ("c", .null), ("d", .string("<\"\n\u{1}>"))])
        #expect(value.text == #"{"a":10.0,"b":0.25,"c":null,"d":"\u003c\"\n\u0001\u003e"}"#)
    }
}

@testable import ConformanceKit
import KitPrimitives
import MockServerCore
import Testing

/// ``RequestClue``: a 404 on an id above 2^53 that a double holds exactly is named as an id read
/// through a double; nothing else is.
@Suite struct RequestClueTests {
    static func entry(_ path: String, status: Int?) -> JournalEntry {
        JournalEntry(sequence: 1, time: Timestamp(seconds: 0), method: "GET", path: path, query: "", host: "127.0.0.1", credential: .bearer, status: status)
    }

    @Test func aNotFoundIdThatADoubleHoldsIsAClue() throws {
        // 9007199254740997 through a double is 9007199254740996.
        #expect(Double(9_007_199_254_740_997 as UInt64) == 9_007_199_254_740_996)
        let clue = try #require(RequestClue.first(in: [
            Self.entry("/api/v1/users/self", status: 200),
            Self.entry("/api/v1/courses/9007199254740996/assignments", status: 404),
        ]))
        #expect(clue.contains("/api/v1/courses/9007199254740996/assignments"))
        #expect(clue.contains("application/json+canvas-string-ids"))
    }

    @Test(arguments: [
        ("/api/v1/courses/9007199254740996/assignments", 200),   // found: an even id that exists
        ("/api/v1/courses/9007199254740997/assignments", 404),   // no double holds it: not a rounded id
        ("/api/v1/courses/50001/assignments", 404),              // small ids are exact in a double
        ("/api/v1/courses/abc/assignments", 404),
    ])
    func otherRequestsAreNoClue(path: String, status: Int) {
        #expect(RequestClue.first(in: [Self.entry(path, status: status)]) == nil)
    }

    @Test func theClueIsPrintedWithTheMismatch() {
        var mismatch = Mismatch(path: "", expected: "a list", actual: "error SourceConnectionError")
        mismatch.clue = "clue: look here"
        #expect(mismatch.description.hasSuffix("\n  clue: look here"))
    }
}

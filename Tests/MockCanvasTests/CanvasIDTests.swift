import Foundation
import MockCanvas
import MockServerCore
import Testing

/// Canvas's 64-bit ids on a sharded install, as integers by default and as strings for a client
/// that sends `Accept: application/json+canvas-string-ids`; and pagination links moved to another
/// origin by the `foreign_links` fault.
@Suite struct CanvasIDTests {
    static func shardedWorld() throws -> CanvasWorld {
        try CanvasWorld.load(contentsOf: Fixtures.packageRoot + "/Scenarios/worlds/sharded-ids.yaml")
    }

    static let assignments = "/api/v1/courses/9007199254740995/assignments?per_page=100"

    @Test func idsAbove2To53AreWrittenAsExactIntegers() throws {
        let canvas = MockCanvas(world: try Self.shardedWorld(), seed: 1)
        let text = canvas.response(Fixtures.get(Self.assignments, token: "tok-erin")).text
        #expect(text.contains(#""id":9007199254740997,"#), "\(text.prefix(300))")
        #expect(text.contains(#""id":9223372036854775807,"#))
        #expect(text.contains(#""course_id":9007199254740995,"#))
        // A double cannot hold it: what JSON.parse in a browser or Node would make of it.
        #expect(Double(9_007_199_254_740_997) == Double(9_007_199_254_740_996))
    }

    @Test func theStringIDsMediaTypeMakesEveryIdAString() throws {
        let canvas = MockCanvas(world: try Self.shardedWorld(), seed: 1)
        let accept = [("Accept", "application/json+canvas-string-ids, application/json;q=0.9")]
        let page = canvas.response(Fixtures.get(Self.assignments, token: "tok-erin", headers: accept))
        #expect(page.status == 200)
        let text = page.text
        #expect(text.contains(#""id":"9007199254740997","#), "\(text.prefix(300))")
        #expect(text.contains(#""course_id":"9007199254740995","#))
        #expect(text.contains(#""assignment_group_id":""#))
        #expect(!text.contains(#""id":9"#), "no id is left a number")
        #expect(text.contains(#""position":"#) && !text.contains(#""position":""#), "fields that are not ids stay numbers")
        let courses = canvas.response(Fixtures.get("/api/v1/courses", token: "tok-erin", headers: accept)).text
        #expect(courses.contains(#""id":"9007199254740995","#))
        #expect(courses.contains(#""user_id":"9007199254740993","#), "ids inside nested objects too")
        #expect(courses.contains(#""account_id":"1","#))
        let me = canvas.response(Fixtures.get("/api/v1/users/self", token: "tok-erin", headers: accept)).text
        #expect(me.contains(#""id":"9007199254740993","#))
        // The same page without the media type is the integer form again (the cache keeps them apart).
        #expect(canvas.response(Fixtures.get(Self.assignments, token: "tok-erin")).text.contains(#""id":9007199254740997,"#))
    }

    @Test func foreignLinksMoveEveryPaginationURLToTheOtherOrigin() throws {
        let canvas = MockCanvas(world: Fixtures.bigCourse(count: 25), seed: 1)
        try canvas.installFaults([FaultRule(match: FaultMatch(nth: 1), fault: .foreignLinks(origin: "http://other.test:8001"))])
        let first = canvas.response(Fixtures.get("/api/v1/courses/10/assignments", token: "tok"))
        #expect(first.status == 200)
        #expect(first.ids.count == 10, "the body is the real page")
        let next = try #require(first.links.first { $0.rel == "next" }?.url)
        #expect(next == "http://other.test:8001/api/v1/courses/10/assignments?page=2&per_page=10")
        #expect(first.links.allSatisfy { $0.url.hasPrefix("http://other.test:8001/") })
        #expect(canvas.journal().first?.fault == "foreign_links")
        let second = canvas.response(Fixtures.get("/api/v1/courses/10/assignments", token: "tok"))
        #expect(second.links.allSatisfy { $0.url.hasPrefix("http://canvas.test/") }, "one request only")
    }
}

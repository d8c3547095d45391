import Foundation
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// Pagination exactly as Canvas does it (`lib/api.rb`, folio).
@Suite struct PaginationTests {
    let canvas = MockCanvas(world: Fixtures.bigCourse(count: 25))

    @Test func defaultPageSizeIsTen() {
        let r = canvas.response(Fixtures.get("/api/v1/courses/10/assignments", token: "tok"))
        #expect(r.ids == Array(1...10))
        #expect(r.links.map(\.rel) == ["current", "next", "first", "last"])
    }

    @Test(arguments: [("0", 1, 1), ("abc", 1, 1), ("-4", 1, 1), ("7", 7, 7), ("12abc", 12, 12), ("100", 25, 100), ("500", 25, 100)])
    func perPageIsClampedAfterRubyToI(perPage: String, items: Int, effective: Int) {
        let r = canvas.response(Fixtures.get("/api/v1/courses/10/assignments?per_page=\(perPage)", token: "tok"))
        #expect(r.ids.count == items)
        #expect(r.links.first?.url.hasSuffix("page=1&per_page=\(effective)") == true)
    }

    @Test func linkHeaderIsAbsoluteOrderedAndRepeatsOtherParameters() throws {
        let r = canvas.response(Fixtures.get("/api/v1/courses/10/assignments?per_page=5&page=2&order_by=name&include[]=submission&access_token=secret", token: "tok"))
        let link = try #require(r.header("Link"))
        let base = "http://canvas.test/api/v1/courses/10/assignments?include%5B%5D=submission&order_by=name&"
        #expect(link == [
            "<\(base)page=2&per_page=5>; rel=\"current\"",
            "<\(base)page=3&per_page=5>; rel=\"next\"",
            "<\(base)page=1&per_page=5>; rel=\"prev\"",
            "<\(base)page=1&per_page=5>; rel=\"first\"",
            "<\(base)page=5&per_page=5>; rel=\"last\"",
        ].joined(separator: ","))
        #expect(!link.contains("secret"), "access_token is never copied into links")
    }

    @Test func followingNextVisitsEveryItemOnce() {
        var seen: [Int64] = []
        var target: String? = "/api/v1/courses/10/assignments?per_page=7"
        var pages = 0
        while let t = target {
            let r = canvas.response(Fixtures.get(t, token: "tok"))
            seen += r.ids
            pages += 1
            target = r.links.first { $0.rel == "next" }.map { String($0.url.dropFirst("http://canvas.test".count)) }
        }
        #expect(pages == 4)
        #expect(seen == Array(1...25))
    }

    @Test func pagePastTheEndIsEmpty200AndBadPageIs404() {
        let past = canvas.response(Fixtures.get("/api/v1/courses/10/assignments?page=9", token: "tok"))
        #expect(past.status == 200)
        #expect(past.text == "[]")
        #expect(past.links.map(\.rel) == ["current", "prev", "first", "last"])
        for bad in ["0", "-1", "x", ""] {
            #expect(canvas.response(Fixtures.get("/api/v1/courses/10/assignments?page=\(bad)", token: "tok")).status == 404, "page=\(bad)")
        }
    }

    @Test func emptyCollectionHasCurrentFirstLast() {
        let empty = MockCanvas(world: Fixtures.bigCourse(count: 0))
        let r = empty.response(Fixtures.get("/api/v1/courses/10/assignments", token: "tok"))
        #expect(r.text == "[]")
        #expect(r.links.map(\.rel) == ["current", "first", "last"])
        #expect(r.links.allSatisfy { $0.url.hasSuffix("page=1&per_page=10") })
    }
}

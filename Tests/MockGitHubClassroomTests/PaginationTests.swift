import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import Testing

/// GitHub's `page` / `per_page` pagination and its `link` header.
@Suite struct PaginationTests {
    static let base = "http://\(Fixtures.host)/classrooms/7101/assignments"

    func withMany<R: Sendable>(_ body: (MockGitHubClassroom, GitHubSession) async throws -> R) async throws -> R {
        try await Fixtures.withMock(world: try Fixtures.world("many-assignments"), body)
    }

    @Test func linkHeaderIsExactlyGitHubs() async throws {
        try await withMany { _, http in
            let first = try await http.get("/classrooms/7101/assignments?per_page=50", token: "tok-dana")
            #expect(first.header("link") == #"<\#(Self.base)?per_page=50&page=2>; rel="next", <\#(Self.base)?per_page=50&page=5>; rel="last""#)
            let middle = try await http.get("/classrooms/7101/assignments?per_page=50&page=3", token: "tok-dana")
            #expect(middle.header("link") == [
                #"<\#(Self.base)?per_page=50&page=2>; rel="prev""#, #"<\#(Self.base)?per_page=50&page=4>; rel="next""#,
                #"<\#(Self.base)?per_page=50&page=5>; rel="last""#, #"<\#(Self.base)?per_page=50&page=1>; rel="first""#,
            ].joined(separator: ", "))
            let last = try await http.get("/classrooms/7101/assignments?page=5&per_page=50", token: "tok-dana")
            #expect(last.header("link") == #"<\#(Self.base)?per_page=50&page=4>; rel="prev", <\#(Self.base)?per_page=50&page=1>; rel="first""#,
                "page moves to the end; other parameters keep their order")
            let defaults = try await http.get("/classrooms/7101/assignments", token: "tok-dana")
            #expect(defaults.header("link") == #"<\#(Self.base)?page=2>; rel="next", <\#(Self.base)?page=9>; rel="last""#)
            #expect(defaults.ids.count == 30, "per_page defaults to 30")
        }
    }

    @Test(arguments: [1, 7, 30, 100])
    func followingNextCoversEveryItemOnce(perPage: Int) async throws {
        try await withMany { mock, http in
            var seen: [Int64] = []
            var target: String? = "/classrooms/7101/assignments?per_page=\(perPage)"
            var pages = 0
            while let next = target {
                let response = try await http.get(next, token: "tok-dana")
                #expect(response.status == 200)
                seen += response.ids
                pages += 1
                target = response.links.first { $0.rel == "next" }.map { String($0.url.dropFirst("http://\(Fixtures.host)".count)) }
            }
            #expect(pages == (250 + perPage - 1) / perPage)
            #expect(seen == (1...250).map { 90000 + Int64($0) })
            #expect(mock.assignmentsVisible(to: "tok-dana")?.prefix(250).map(\.id) == seen)
        }
    }

    @Test(arguments: [("500", 100), ("101", 100), ("100", 100), ("0", 30), ("-5", 30), ("abc", 30), ("", 30)])
    func perPageIsClampedOrDefaulted(asked: String, served: Int) async throws {
        try await withMany { _, http in
            let response = try await http.get("/classrooms/7101/assignments?per_page=\(asked)", token: "tok-dana")
            #expect(response.status == 200)
            #expect(response.ids.count == served)
            let last = try #require(response.links.first { $0.rel == "last" })
            #expect(last.url == "\(Self.base)?per_page=\(asked)&page=\((250 + served - 1) / served)", "per_page is echoed as sent")
        }
    }

    @Test func invalidPageIsPageOneAndPastTheEndIsEmpty() async throws {
        try await withMany { _, http in
            for page in ["0", "-1", "x"] {
                #expect(try await http.get("/classrooms/7101/assignments?page=\(page)", token: "tok-dana").ids.first == 90001)
            }
            let past = try await http.get("/classrooms/7101/assignments?per_page=100&page=7", token: "tok-dana")
            #expect(past.status == 200)
            #expect(past.bodyText == "[]")
            #expect(past.links.map(\.rel) == ["prev", "first"])
            #expect(past.links.first?.url == "\(Self.base)?per_page=100&page=3", "prev from past the end is the last page")
        }
    }

    @Test func aSinglePageHasNoLinkHeader() async throws {
        try await withMany { _, http in
            let small = try await http.get("/classrooms/7102/assignments", token: "tok-dana")
            #expect(small.ids == [95001, 95002])
            #expect(small.header("link") == nil)
            let exact = try await http.get("/classrooms/7101/assignments?per_page=100&page=1", token: "tok-dana")
            #expect(exact.header("link") != nil)
            #expect(try await http.get("/classrooms", token: "tok-dana").header("link") == nil)
            let classrooms = try await http.get("/classrooms?per_page=1", token: "tok-dana")
            #expect(classrooms.ids == [7101])
            #expect(classrooms.links.map(\.rel) == ["next", "last"])
        }
    }
}

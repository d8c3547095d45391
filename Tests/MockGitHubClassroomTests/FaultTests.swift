import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import Testing

/// Faults rendered as GitHub would send them, through the shared fault engine.
@Suite struct FaultTests {
    typealias Rule = FaultRule<GitHubClassroomWorldChange>

    @Test(arguments: [(nil, nil, 403, "60"), (429, 7, 429, "7"), (403, nil, 403, "60")] as [(Int?, Int?, Int, String)])
    func throttleFaultSendsTheSecondaryLimitResponse(status: Int?, retryAfter: Int?, expected: Int, header: String) async throws {
        try await Fixtures.withMock { mock, http in
            try mock.installFaults([Rule(match: FaultMatch(path: "/classrooms", nth: 2), fault: .throttle(status: status, retryAfter: retryAfter))])
            #expect(try await http.get("/classrooms").status == 200)
            let throttled = try await http.get("/classrooms")
            #expect(throttled.status == expected)
            #expect(throttled.header("retry-after") == header)
            #expect(throttled.bodyText == RateLimitTests.secondaryBody)
            #expect(throttled.rate("used") == 1, "the headers show the caller's window, uncharged")
            #expect(try await http.get("/classrooms").rate("used") == 2)
            #expect(mock.journal().map(\.fault) == [nil, "throttle", nil])
        }
    }

    @Test(arguments: [500, 502, 503, 504])
    func statusFaultsSendGitHubErrorJSON(status: Int) async throws {
        try await Fixtures.withMock { mock, http in
            try await http.control("install_faults", #"[{"match": {"path": "/assignments/*"}, "fault": {"kind": "status", "status": \#(status), "retry_after": 3}}]"#)
            let response = try await http.get("/assignments/80001")
            #expect(response.status == status)
            #expect(response.header("retry-after") == "3")
            #expect(response.object["status"] as? String == String(status))
            #expect(response.object["message"] is String)
            #expect(response.rate("limit") == 5000)
            #expect(try await http.get("/classrooms/7001").status == 200, "other paths are untouched")
        }
    }

    @Test func htmlAndRedirectFaults() async throws {
        try await Fixtures.withMock { mock, http in
            try mock.installFaults([
                Rule(match: FaultMatch(path: "/user"), fault: .html(status: 503)),
                Rule(match: FaultMatch(path: "/classrooms"), fault: .redirect(origin: "http://127.0.0.1:9/", status: 301)),
            ])
            let html = try await http.get("/user")
            #expect(html.status == 503)
            #expect(html.header("content-type") == "text/html; charset=utf-8")
            #expect(html.bodyText.contains("Unicorn!"))
            let moved = try await http.get("/classrooms?per_page=5")
            #expect(moved.status == 301)
            #expect(moved.header("location") == "http://127.0.0.1:9/classrooms?per_page=5")
            #expect(moved.object["url"] as? String == "http://127.0.0.1:9/classrooms?per_page=5")
            #expect(moved.object["message"] as? String == "Moved Permanently")
        }
    }

    @Test func worldChangeAndTokenFaultsActBeforeTheAnswer() async throws {
        try await Fixtures.withMock { mock, http in
            try await http.control("install_faults", """
                [{"match": {"path": "/classrooms/7001/assignments", "query": {"page": "2"}},
                  "fault": {"kind": "world_change", "changes": [{"change": "add_assignment", "assignment": {"id": 80000, "classroom": 7001, "title": "Inserted"}}]}},
                 {"match": {"path": "/user"}, "fault": {"kind": "revoke_token"}}]
                """)
            #expect(try await http.get("/classrooms/7001/assignments?per_page=2").ids == [80001, 80002])
            #expect(try await http.get("/classrooms/7001/assignments?per_page=2&page=2").ids == [80002, 80003], "an insert shifts items across pages")
            #expect(try await http.get("/user").status == 401)
            #expect(try await http.get("/classrooms").status == 401, "the revoked token stays revoked")
        }
    }

    @Test func malformedAndTruncatedBodiesKeepGitHubHeaders() async throws {
        try await Fixtures.withMock { mock, http in
            try mock.installFaults([
                Rule(match: FaultMatch(path: "/classrooms", nth: 1), fault: .malformedJSON),
                Rule(match: FaultMatch(path: "/classrooms", nth: 2), fault: .truncatedBody),
            ])
            let garbled = try await http.get("/classrooms")
            #expect(garbled.json == nil)
            #expect(garbled.rate("used") == 1)
            let cut = try await http.get("/classrooms")
            #expect(cut.json == nil)
            #expect(try await http.get("/classrooms").json != nil)
        }
    }
}

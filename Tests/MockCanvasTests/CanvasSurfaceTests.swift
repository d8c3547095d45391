import Foundation
import KitPrimitives
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// The Canvas REST surface, answered in-process (the same code answers over sockets).
@Suite struct CanvasSurfaceTests {
    let canvas: MockCanvas

    init() throws { canvas = MockCanvas(world: try Fixtures.basicWorld(), seed: 1) }

    @Test func currentUserHasCanvasShape() throws {
        let r = canvas.response(Fixtures.get("/api/v1/users/self"))
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "application/json; charset=utf-8")
        let user = try #require(r.json as? [String: Any])
        #expect(user["id"] as? Int == 101)
        #expect(user["name"] as? String == "Alice Student")
        #expect(user["sortable_name"] as? String == "Student, Alice")
        for field in ["created_at", "short_name", "avatar_url", "locale", "effective_locale", "permissions"] {
            #expect(user.keys.contains(field), "users/self lacks \(field)")
        }
    }

    @Test func everyAPIResponseCarriesRateHeaders() {
        for target in ["/api/v1/users/self", "/api/v1/courses/999", "/api/v1/nope"] {
            let r = canvas.response(Fixtures.get(target))
            #expect(r.header("X-Request-Cost") == "1.0", "\(target)")
            #expect(r.header("X-Rate-Limit-Remaining") != nil, "\(target)")
        }
    }

    @Test(arguments: [
        (nil as String?, [] as [(String, String)], #"{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}"#),
        ("nope", [], #"{"errors":[{"message":"Invalid access token."}]}"#),
        ("tok-old", [], #"{"errors":[{"message":"Expired access token.","expired_at":"2025-09-01T12:00:00Z"}]}"#),
        ("tok-gone", [], #"{"errors":[{"message":"Revoked access token."}]}"#),
        (nil, [("Authorization", "Basic dG9rLWFsaWNl")], #"{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}"#),
        (nil, [("Authorization", "bearer tok-alice")], #"{"status":"unauthenticated","errors":[{"message":"user authorization required"}]}"#),
    ])
    func authFailuresAreCanvas401s(token: String?, headers: [(String, String)], body: String) {
        let r = canvas.response(Fixtures.get("/api/v1/users/self", token: token, headers: headers))
        #expect(r.status == 401)
        #expect(r.text == body)
        #expect(r.header("WWW-Authenticate") == #"Bearer realm="canvas-lms""#)
    }

    @Test func accessTokenQueryParameterAuthenticates() {
        let r = canvas.response(Fixtures.get("/api/v1/users/self?access_token=tok-alice", token: nil))
        #expect(r.status == 200)
        let journal = canvas.journal()
        #expect(journal.last?.credential == .query)
        #expect(journal.last?.query == "access_token=[REDACTED]")
    }

    @Test func bearerHeaderWinsOverQueryToken() {
        let r = canvas.response(Fixtures.get("/api/v1/users/self?access_token=nope", token: "tok-alice"))
        #expect(r.status == 200)
    }

    @Test func unknownPathsAndIdsAre404() {
        let body = #"{"errors":[{"message":"The specified resource does not exist."}]}"#
        for target in ["/api/v1/nope", "/api/v1/courses/9999", "/api/v1/courses/2001/assignments/777", "/api/v1/courses/abc",
                       "/api/v1/courses/2001/assignments/50005"] {
            let r = canvas.response(Fixtures.get(target))
            #expect(r.status == 404, "\(target)")
            #expect(r.text == body, "\(target)")
        }
        #expect(canvas.response(Fixtures.get("/not-api")).header("Content-Type") == "text/html; charset=utf-8")
    }

    @Test func courseWithoutEnrollmentIsForbidden() {
        let r = canvas.response(Fixtures.get("/api/v1/courses/2001", token: "tok-carol"))
        #expect(r.status == 403)
        #expect(r.text == #"{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}"#)
        #expect(r.header("WWW-Authenticate") == nil)
    }

    @Test func permissionStatusCanBeOlderCanvas401() throws {
        var world = try Fixtures.basicWorld()
        world.permissionStatus = 401
        let old = MockCanvas(world: world)
        #expect(old.response(Fixtures.get("/api/v1/courses/2001/assignments", token: "tok-carol")).status == 401)
    }

    @Test func courseListShowsActiveEnrollmentsOnly() {
        #expect(canvas.response(Fixtures.get("/api/v1/courses")).ids == [2001, 2002])
        #expect(canvas.response(Fixtures.get("/api/v1/courses?enrollment_state=active")).ids == [2001, 2002])
        #expect(canvas.response(Fixtures.get("/api/v1/courses?enrollment_state=completed&state[]=completed")).ids == [1999])
        #expect(canvas.response(Fixtures.get("/api/v1/courses?include[]=term&include[]=total_scores")).ids == [2001, 2002])
        #expect(canvas.response(Fixtures.get("/api/v1/courses", token: "tok-carol")).ids == [])
    }

    @Test func studentsDoNotSeeUnpublishedOrDeleted() throws {
        let student = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments"))
        #expect(student.ids == [50001, 50002, 50003])
        let teacher = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments", token: "tok-bob"))
        #expect(teacher.ids == [50001, 50002, 50003, 50004])
        let hidden = try #require((teacher.json as? [[String: Any]])?.last)
        #expect(hidden["published"] as? Bool == false)
        #expect(hidden["workflow_state"] as? String == "unpublished")
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50004")).status == 403)
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50004", token: "tok-bob")).status == 200)
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50005", token: "tok-bob")).status == 404)
    }

    @Test func assignmentFieldsAsCanvasSendsThem() throws {
        let r = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50001"))
        let a = try #require(r.json as? [String: Any])
        #expect(a["name"] as? String == "Problem Set 1")
        #expect(a["description"] as? String == "<p>Read the spec.</p>")
        #expect(a["due_at"] as? String == "2025-09-10T03:59:59Z")
        #expect(a["updated_at"] as? String == "2025-08-30T10:00:00Z")
        #expect(a["html_url"] as? String == "http://canvas.test/courses/2001/assignments/50001")
        #expect(a["course_id"] as? Int == 2001)
        #expect(r.text.contains(#""points_possible":10.0"#))
        #expect(r.text.contains(#"\u003cp\u003e"#), "Canvas (Rails) escapes HTML in JSON")
        let nullDue = try #require(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50003")).json as? [String: Any])
        #expect(nullDue["due_at"] is NSNull)
        let nullDescription = try #require(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50002")).json as? [String: Any])
        #expect(nullDescription["description"] is NSNull)
    }

    @Test func userScopedAssignmentRoute() {
        #expect(canvas.response(Fixtures.get("/api/v1/users/self/courses/2001/assignments")).ids == [50001, 50002, 50003])
        #expect(canvas.response(Fixtures.get("/api/v1/users/101/courses/2001/assignments")).ids == [50001, 50002, 50003])
        #expect(canvas.response(Fixtures.get("/api/v1/users/102/courses/2001/assignments")).status == 403)
        #expect(canvas.response(Fixtures.get("/api/v1/users/9999/courses/2001/assignments")).status == 404)
    }

    @Test func orderByNameAndDueDate() {
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?order_by=name")).ids == [50001, 50002, 50003])
        let teacher = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?order_by=due_at", token: "tok-bob"))
        #expect(teacher.ids == [50001, 50002, 50004, 50003], "null due dates sort last")
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?order_by=bogus")).ids == [50001, 50002, 50003])
    }

    @Test func bucketsFilterOnTheVirtualClockAndUnknownBucketIs400() throws {
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?bucket=undated")).ids == [50003])
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?bucket=upcoming")).ids == [])
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?bucket=future")).ids == [50001, 50002, 50003])
        try canvas.perform(.advanceClock(seconds: 10 * 86_400))
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?bucket=past")).ids == [50001])
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?bucket=upcoming")).ids == [50002])
        let bad = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?bucket=someday"))
        #expect(bad.status == 400)
        #expect(bad.text.contains("bucket name must be one of the following: past, overdue, undated, ungraded, unsubmitted, upcoming, future"))
    }

    @Test func timestampStyleOffsetWritesLocalTimes() throws {
        try canvas.perform(.change(.setTimestampStyle(.offset(minutes: -360))))
        let a = try #require(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50001")).json as? [String: Any])
        #expect(a["due_at"] as? String == "2025-09-09T21:59:59-06:00")
        let dueAt = try #require(a["due_at"] as? String)
        #expect(try Timestamp(rfc3339: dueAt) == Timestamp(rfc3339: "2025-09-10T03:59:59Z"))
    }

    @Test func theOracleAgreesWithWhatTheAPIServes() throws {
        let oracle = try #require(canvas.assignmentsVisible(to: "tok-alice"))
        var served: [Int64] = []
        for course in canvas.response(Fixtures.get("/api/v1/courses?enrollment_state=active")).ids {
            served += canvas.response(Fixtures.get("/api/v1/courses/\(course)/assignments?per_page=100")).ids
        }
        #expect(oracle.map(\.assignment.id) == served)
        #expect(canvas.assignmentsVisible(to: "tok-bob")?.map(\.assignment.id) == [50001, 50002, 50003, 50004])
        #expect(canvas.assignmentsVisible(to: "tok-old") == nil)
        #expect(canvas.assignmentsVisible(to: "nope") == nil)
    }

    @Test func waitForRequestIsAReadinessSignal() async {
        await canvas.waitForRequest(0)  // already reached: returns at once
        async let second: Void = canvas.waitForRequest(2)
        _ = canvas.response(Fixtures.get("/api/v1/users/self"))
        _ = canvas.response(Fixtures.get("/api/v1/courses"))
        await second
        #expect(canvas.journal().count == 2)
    }
}

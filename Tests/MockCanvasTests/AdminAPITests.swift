import Foundation
import KitPrimitives
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// The control API under `/__mock/`, answered in-process.
@Suite struct AdminAPITests {
    let canvas: MockCanvas

    init() throws { canvas = MockCanvas(world: try Fixtures.basicWorld(), seed: 3) }

    func post(_ command: String, _ body: String = "") -> MockResponse { canvas.response(Fixtures.admin(command, body)) }

    @Test func worldChangesOverHTTP() {
        #expect(post("advance_clock", #"{"seconds": 60}"#).status == 200)
        #expect(post("add_assignment", #"{"course": 2001, "assignment": {"id": 50010, "name": "PS3"}}"#).status == 200)
        #expect(post("update_assignment", #"{"id": 50001, "name": "Problem Set 1 (revised)"}"#).status == 200)
        #expect(post("unpublish_assignment", #"{"id": 50002}"#).status == 200)
        #expect(post("delete_assignment", "id: 50003").status == 200, "YAML bodies work too")
        let list = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments"))
        #expect(list.ids == [50001, 50010])
        let first = (list.json as? [[String: Any]])?.first
        #expect(first?["updated_at"] as? String == "2025-09-01T12:01:00Z")
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50003")).status == 404)
    }

    @Test func tokensCanBeIssuedRevokedAndExpired() {
        #expect(post("issue_token", #"{"user": 103, "token": "tok-new"}"#).status == 200)
        #expect(canvas.response(Fixtures.get("/api/v1/users/self", token: "tok-new")).status == 200)
        #expect(post("expire_token", #"{"token": "tok-new"}"#).status == 200)
        #expect(canvas.response(Fixtures.get("/api/v1/users/self", token: "tok-new")).text.contains("Expired"))
        #expect(post("revoke_token", #"{"token": "tok-alice"}"#).status == 200)
        #expect(canvas.response(Fixtures.get("/api/v1/users/self")).text.contains("Revoked"))
        let unknown = post("revoke_token", #"{"token": "tok-secret-xyz"}"#)
        #expect(unknown.status == 400)
        #expect(!unknown.text.contains("tok-secret-xyz"), "errors never echo a token")
    }

    @Test func journalAndFaultsAreReadable() throws {
        #expect(post("install_faults", #"[{"id": "boom", "match": {"nth": 1}, "fault": {"kind": "status", "status": 500}}]"#).status == 200)
        _ = canvas.response(Fixtures.get("/api/v1/users/self?access_token=tok-alice", token: nil))
        _ = canvas.response(Fixtures.get("/api/v1/users/self"))
        let journal = try #require(canvas.response(MockRequest(method: "GET", uri: "/__mock/journal?after=1")).json as? [String: Any])
        let entries = try #require(journal["entries"] as? [[String: Any]])
        try #require(entries.count == 1)
        #expect(entries[0]["sequence"] as? Int == 2)
        let first = try #require(canvas.journal().first)
        #expect(first.status == 500 && first.fault == "status" && first.faultRule == "boom")
        #expect(first.query == "access_token=[REDACTED]")
        let faults = canvas.response(MockRequest(method: "GET", uri: "/__mock/faults"))
        #expect(faults.text.contains(#""fired":1"#))
        let world = canvas.response(MockRequest(method: "GET", uri: "/__mock/world"))
        #expect(!world.text.contains("tok-alice"), "the world dump redacts tokens")
    }

    @Test func resetRestoresTheLoadedWorld() throws {
        _ = post("advance_clock", #"{"seconds": 5}"#)
        _ = post("delete_assignment", #"{"id": 50001}"#)
        _ = post("install_faults", #"[{"fault": {"kind": "status", "status": 500}}]"#)
        #expect(post("reset").status == 200)
        #expect(canvas.now == Timestamp(seconds: 1_756_728_000))
        #expect(canvas.faultRules.isEmpty)
        #expect(canvas.journal().isEmpty)
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments")).ids == [50001, 50002, 50003])
    }

    @Test func errorsCarryCodeFieldAndLine() throws {
        let bad = post("add_assignment", "course: 2001\nassignment:\n  id: x\n  name: Y\n")
        #expect(bad.status == 400)
        let error = try #require((bad.json as? [String: Any])?["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid-command")
        #expect(error["field"] as? String == "assignment.id")
        #expect(error["line"] as? Int == 3)
        #expect(post("frobnicate").status == 400)
        #expect(canvas.response(MockRequest(method: "GET", uri: "/__mock/nothing")).status == 404)
        #expect(post("add_assignment", #"{"course": 9, "assignment": {"id": 1, "name": "Z"}}"#).status == 400)
        #expect(post("load_world", "users: [{id: 1}]").status == 400)
    }

    @Test func loadWorldReplacesEverything() throws {
        #expect(post("load_world", #"{"clock": "2030-01-01T00:00:00Z", "users": [{"id": 7, "name": "Z", "tokens": ["z"]}]}"#).status == 200)
        #expect(canvas.now == Timestamp(seconds: 1_893_456_000))
        #expect(canvas.response(Fixtures.get("/api/v1/users/self", token: "z")).status == 200)
        #expect(canvas.response(Fixtures.get("/api/v1/users/self")).status == 401)
    }
}

import Foundation
import KitPrimitives
import MockCanvas
import MockServerCore
import NIOCore
import Testing

typealias Rule = FaultRule<CanvasWorldChange>

/// Fault rules: matching, counting, seeded probability, and each HTTP-level fault kind.
@Suite struct FaultRuleTests {
    let canvas: MockCanvas

    init() throws { canvas = MockCanvas(world: try Fixtures.basicWorld(), seed: 99) }

    func statuses(_ n: Int, _ target: String = "/api/v1/users/self") -> [Int] {
        (0..<n).map { _ in canvas.response(Fixtures.get(target)).status }
    }

    @Test func nthFiresOnceOnTheNthMatchingRequest() throws {
        try canvas.installFaults([Rule(match: FaultMatch(path: "/api/v1/users/self", nth: 3), fault: .status(500, retryAfter: nil))])
        _ = canvas.response(Fixtures.get("/api/v1/courses"))  // does not match, not counted
        #expect(statuses(5) == [200, 200, 500, 200, 200])
        #expect(canvas.faultRules.first?.matched == 5)
        #expect(canvas.faultRules.first?.fired == 1)
    }

    @Test func afterAndTimesBoundARun() throws {
        try canvas.installFaults([Rule(match: FaultMatch(after: 1, times: 2), fault: .status(503, retryAfter: 5))])
        #expect(statuses(5) == [200, 503, 503, 200, 200])
    }

    @Test func pathGlobsAndQueryConditions() throws {
        try canvas.installFaults([
            Rule(id: "page-2", match: FaultMatch(method: "GET", path: "/api/v1/courses/*/assignments", query: ["page": "2"]), fault: .status(502, retryAfter: nil)),
            Rule(match: FaultMatch(path: "/api/**/50003"), fault: .status(504, retryAfter: nil)),
        ])
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?per_page=1")).status == 200)
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?per_page=1&page=2")).status == 502)
        #expect(canvas.response(Fixtures.get("/api/v1/courses/2001/assignments/50003")).status == 504)
        #expect(canvas.journal().map(\.faultRule) == [nil, "page-2", "#2"])
    }

    @Test func probabilityIsSeededAndIndependentPerRule() throws {
        func pattern(seed: UInt64, extraRuleFirst: Bool) throws -> [Int] {
            let c = MockCanvas(world: try Fixtures.basicWorld(), seed: seed)
            if extraRuleFirst {
                try c.installFaults([Rule(match: FaultMatch(path: "/never", probability: 0.5), fault: .status(500, retryAfter: nil))])
            } else {
                try c.installFaults([Rule(match: FaultMatch(path: "/never"), fault: .status(500, retryAfter: nil))])
            }
            try c.installFaults([Rule(match: FaultMatch(probability: 0.3), fault: .status(500, retryAfter: nil))])
            return (0..<200).map { _ in c.response(Fixtures.get("/api/v1/users/self")).status }
        }
        let a = try pattern(seed: 7, extraRuleFirst: false)
        #expect(a == (try pattern(seed: 7, extraRuleFirst: true)), "same seed, same install order: same draws")
        #expect(a != (try pattern(seed: 8, extraRuleFirst: false)), "another seed draws differently")
        let failures = a.filter { $0 == 500 }.count
        #expect((30...90).contains(failures), "about 30% of 200 fail, got \(failures)")
    }

    @Test(arguments: [500, 502, 503, 504, 422])
    func statusFaultsHaveCanvasLikeBodies(status: Int) throws {
        try canvas.installFaults([Rule(fault: .status(status, retryAfter: 30))])
        let r = canvas.response(Fixtures.get("/api/v1/users/self"))
        #expect(r.status == status)
        #expect(r.header("Retry-After") == "30")
        if status == 500 || status == 422 {
            let body = try #require(r.json as? [String: Any])
            #expect((body["errors"] as? [[String: Any]])?.first?["message"] as? String == "An error occurred.")
        } else {
            #expect(r.header("Content-Type") == "text/html; charset=utf-8")
        }
    }

    @Test func throttleFaultMimicsTheBucket() throws {
        try canvas.installFaults([Rule(match: FaultMatch(nth: 1), fault: .throttle(status: nil, retryAfter: nil)),
                                  Rule(match: FaultMatch(nth: 2), fault: .throttle(status: 429, retryAfter: 2))])
        let first = canvas.response(Fixtures.get("/api/v1/users/self"))
        #expect(first.status == 403 && first.text == "403 Forbidden (Rate Limit Exceeded)\n")
        let second = canvas.response(Fixtures.get("/api/v1/users/self"))
        #expect(second.status == 429 && second.header("Retry-After") == "2")
    }

    @Test func malformedAndTruncatedBodiesAreNotJSON() throws {
        try canvas.installFaults([Rule(match: FaultMatch(nth: 1), fault: .malformedJSON), Rule(match: FaultMatch(nth: 2), fault: .truncatedBody)])
        let malformed = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments"))
        let truncated = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments"))
        let clean = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments"))
        for r in [malformed, truncated] {
            #expect(r.status == 200)
            #expect(r.header("Content-Type") == "application/json; charset=utf-8")
            #expect(r.json == nil, "body must not parse: \(r.text.prefix(80))")
        }
        #expect(truncated.body.readableBytes == clean.body.readableBytes / 2)
        #expect(clean.ids == [50001, 50002, 50003])
    }

    @Test func htmlAndRedirectFaults() throws {
        try canvas.installFaults([
            Rule(match: FaultMatch(nth: 1), fault: .html(status: 200)),
            Rule(match: FaultMatch(nth: 2), fault: .redirect(origin: "http://other.test:9", status: 302)),
        ])
        let html = canvas.response(Fixtures.get("/api/v1/users/self"))
        #expect(html.header("Content-Type") == "text/html; charset=utf-8")
        let redirect = canvas.response(Fixtures.get("/api/v1/courses?per_page=2"))
        #expect(redirect.status == 302)
        #expect(redirect.header("Location") == "http://other.test:9/api/v1/courses?per_page=2")
    }

    @Test func tokenFaultsRevokeOrExpireTheCallersToken() throws {
        try canvas.installFaults([Rule(match: FaultMatch(nth: 2), fault: .revokeToken)])
        #expect(statuses(3) == [200, 401, 401])
        #expect(canvas.response(Fixtures.get("/api/v1/users/self")).text.contains("Revoked access token."))
        #expect(canvas.response(Fixtures.get("/api/v1/users/self", token: "tok-bob")).status == 200)
        try canvas.installFaults([Rule(match: FaultMatch(path: "/api/v1/courses"), fault: .expireToken)])
        #expect(canvas.response(Fixtures.get("/api/v1/courses", token: "tok-bob")).text.contains("Expired access token."))
    }

    @Test func worldChangeBetweenPageFetchesShiftsAnItem() throws {
        // A new assignment placed first pushes every item one place later between page 1 and page 2.
        try canvas.installFaults([Rule(
            match: FaultMatch(path: "/api/v1/courses/2001/assignments", query: ["page": "2"]),
            fault: .worldChange([.addAssignment(course: 2001, CanvasAssignment(id: 59999, name: "Inserted", position: 0))]))])
        let page1 = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?per_page=2"))
        let page2 = canvas.response(Fixtures.get("/api/v1/courses/2001/assignments?per_page=2&page=2"))
        #expect(page1.ids == [50001, 50002])
        #expect(page2.ids == [50002, 50003], "50002 shifted onto page 2 and is seen twice; 59999 is missed")
    }

    @Test func invalidRulesAreRejectedWithReasons() {
        #expect(throws: MockError.self) { try canvas.installFaults([Rule(match: FaultMatch(nth: 0), fault: .malformedJSON)]) }
        #expect(throws: MockError.self) { try canvas.installFaults([Rule(match: FaultMatch(probability: 1.5), fault: .malformedJSON)]) }
        #expect(throws: MockError.self) {
            _ = try MockCanvasCommand(name: "install_faults", payload: #"{"rules": [{"fault": {"kind": "explode"}}]}"#)
        }
        #expect(canvas.faultRules.isEmpty)
    }

    @Test func faultFilesDecodeEveryKind() throws {
        let yaml = """
            rules:
              - {match: {nth: 1}, fault: {kind: status, status: 503, retry_after: 3}}
              - {fault: {kind: throttle, status: 429}}
              - {fault: {kind: html}}
              - {fault: {kind: redirect, origin: "http://127.0.0.1:1"}}
              - {fault: {kind: foreign_links, origin: "http://127.0.0.1:1"}}
              - {fault: {kind: malformed_json}}
              - {fault: {kind: truncated_body}}
              - {fault: {kind: delay, milliseconds: 5}}
              - {fault: {kind: revoke_token}}
              - {fault: {kind: expire_token}}
              - {fault: {kind: world_change, changes: [{change: touch_assignment, id: 50001}]}}
              - {fault: {kind: reset}}
              - {fault: {kind: close_without_response}}
              - {fault: {kind: close_mid_headers}}
              - {fault: {kind: close_mid_body}}
              - {fault: {kind: stall}}
              - {fault: {kind: stall_then_reset, milliseconds: 20}}
            """
        guard case .installFaults(let rules) = try MockCanvasCommand(name: "install_faults", payload: yaml) else {
            Issue.record("not an install command")
            return
        }
        #expect(rules.map(\.fault.kind) == Fault<CanvasWorldChange>.kinds)
    }
}

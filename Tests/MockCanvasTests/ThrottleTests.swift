import KitPrimitives
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// Canvas's leaky bucket on the virtual clock.
@Suite struct ThrottleTests {
    func canvas(highWater: Double = 5, leak: Double = 1, status: Int = 403, retryAfter: Int? = nil) throws -> MockCanvas {
        var world = Fixtures.bigCourse(count: 3)
        var limit = CanvasRateLimit()
        limit.highWater = highWater
        limit.maximum = highWater + 2
        limit.leakPerSecond = leak
        limit.status = status
        limit.retryAfter = retryAfter
        world.rateLimit = limit
        return MockCanvas(world: world)
    }

    @Test func bucketFillsThenThrottlesWithCanvasBytes() throws {
        let c = try canvas()
        let remaining = (1...5).map { _ in c.response(Fixtures.get("/api/v1/users/self", token: "tok")).header("X-Rate-Limit-Remaining") }
        #expect(remaining == ["4.0", "3.0", "2.0", "1.0", "0.0"])
        let throttled = c.response(Fixtures.get("/api/v1/users/self", token: "tok"))
        #expect(throttled.status == 403)
        #expect(throttled.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(throttled.text == "403 Forbidden (Rate Limit Exceeded)\n")
        #expect(throttled.header("X-Rate-Limit-Remaining") == "0.0")
        #expect(throttled.header("X-Request-Cost") == nil)
        #expect(throttled.header("Retry-After") == nil)
    }

    @Test func bucketLeaksOnlyAsTheVirtualClockMoves() throws {
        let c = try canvas()
        for _ in 1...5 { _ = c.response(Fixtures.get("/api/v1/users/self", token: "tok")) }
        #expect(c.response(Fixtures.get("/api/v1/users/self", token: "tok")).status == 403)
        try c.advanceClock(by: .milliseconds(1500))
        let after = c.response(Fixtures.get("/api/v1/users/self", token: "tok"))
        #expect(after.status == 200)
        #expect(after.header("X-Rate-Limit-Remaining") == "0.5")
    }

    @Test func eachTokenHasItsOwnBucket() throws {
        var world = try Fixtures.basicWorld()
        world.rateLimit.highWater = 2
        let c = MockCanvas(world: world)
        for _ in 1...2 { _ = c.response(Fixtures.get("/api/v1/users/self", token: "tok-alice")) }
        #expect(c.response(Fixtures.get("/api/v1/users/self", token: "tok-alice")).status == 403)
        #expect(c.response(Fixtures.get("/api/v1/users/self", token: "tok-bob")).status == 200)
    }

    @Test func modernCanvasMode429WithRetryAfter() throws {
        let c = try canvas(highWater: 1, status: 429, retryAfter: 7)
        _ = c.response(Fixtures.get("/api/v1/users/self", token: "tok"))
        let throttled = c.response(Fixtures.get("/api/v1/users/self", token: "tok"))
        #expect(throttled.status == 429)
        #expect(throttled.text.contains("Rate Limit Exceeded"))
        #expect(throttled.header("Retry-After") == "7")
    }

    @Test func rateLimitCanBeChangedLive() throws {
        let c = try canvas(highWater: 100)
        var limit = CanvasRateLimit()
        limit.highWater = 1
        try c.perform(.setRateLimit(limit))
        _ = c.response(Fixtures.get("/api/v1/users/self", token: "tok"))
        #expect(c.response(Fixtures.get("/api/v1/users/self", token: "tok")).status == 403)
    }
}

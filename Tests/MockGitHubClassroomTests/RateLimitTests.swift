import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import Testing

/// Primary and secondary rate limits on the virtual clock, and the `x-ratelimit-*` headers.
@Suite struct RateLimitTests {
    /// The basic world's clock plus one hour: the first window's `x-ratelimit-reset`.
    static let firstReset: Int64 = 1_756_728_000 + 3600
    static let primaryBody =
        #"{"message":"API rate limit exceeded for user ID 1001.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#
    static let secondaryBody =
        #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}"#

    @Test func headersCountEachRequestPerUserInAnHourlyWindow() async throws {
        try await Fixtures.withMock { mock, http in
            for n in 1...3 {
                let response = try await http.get(n == 2 ? "/nope" : "/classrooms")
                #expect(response.headers.filter { $0.0.hasPrefix("x-ratelimit-") }.map(\.0)
                    == ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used", "x-ratelimit-resource"])
                #expect(response.rate("limit") == 5000)
                #expect(response.rate("remaining") == 5000 - Int64(n))
                #expect(response.rate("used") == Int64(n))
                #expect(response.rate("reset") == Self.firstReset)
            }
            #expect(try await http.get("/user", token: "tok-bob").rate("used") == 1, "each user has their own window")
            try mock.advanceClock(by: .seconds(3599))
            #expect(try await http.get("/user").rate("used") == 4)
            try mock.advanceClock(by: .seconds(1))
            let fresh = try await http.get("/user")
            #expect(fresh.rate("used") == 1)
            #expect(fresh.rate("reset") == Self.firstReset + 3600)
        }
    }

    @Test(arguments: [403, 429])
    func primaryLimitRefusesUntilReset(status: Int) async throws {
        try await Fixtures.withMock { mock, http in
            try await http.control("set_rate_limit", #"{"limit": 3, "status": \#(status)}"#)
            for _ in 1...3 { #expect(try await http.get("/classrooms").status == 200) }
            let refused = try await http.get("/classrooms")
            #expect(refused.status == status)
            #expect(refused.bodyText == Self.primaryBody)
            #expect(refused.rate("remaining") == 0)
            #expect(refused.rate("used") == 3)
            #expect(refused.rate("reset") == Self.firstReset)
            #expect(refused.header("retry-after") == nil, "the primary limit says when via x-ratelimit-reset")
            #expect(try await http.get("/classrooms", token: "tok-bob").status == 200, "another user is unaffected")
            try mock.perform(.setClock(Timestamp(seconds: Self.firstReset - 1)))
            #expect(try await http.get("/classrooms").status == status)
            try mock.perform(.setClock(Timestamp(seconds: Self.firstReset)))
            let after = try await http.get("/classrooms")
            #expect(after.status == 200)
            #expect(after.rate("remaining") == 2)
        }
    }

    @Test(arguments: [403, 429])
    func secondaryLimitRefusesWithRetryAfterUntilTheMinuteEnds(status: Int) async throws {
        try await Fixtures.withMock { mock, http in
            try await http.control("set_rate_limit", #"{"secondary_points_per_minute": 5, "secondary_status": \#(status)}"#)
            for _ in 1...5 { #expect(try await http.get("/user").status == 200) }
            try mock.advanceClock(by: .seconds(20))
            let refused = try await http.get("/user")
            #expect(refused.status == status)
            #expect(refused.bodyText == Self.secondaryBody)
            #expect(refused.header("retry-after") == "40")
            #expect(refused.rate("remaining") == 4995, "a refused request is not charged")
            try mock.advanceClock(by: .seconds(39))
            #expect(try await http.get("/user").header("retry-after") == "1")
            try mock.advanceClock(by: .seconds(1))
            let after = try await http.get("/user")
            #expect(after.status == 200)
            #expect(after.rate("used") == 6)
        }
    }

    @Test func secondaryRetryAfterMayBeFixedAndPointsConfigurable() async throws {
        try await Fixtures.withMock { mock, http in
            try mock.perform(.setRateLimit(GitHubRateLimit(secondaryPointsPerMinute: 10, requestPoints: 5, secondaryRetryAfter: 90)))
            #expect(try await http.get("/user").status == 200)
            #expect(try await http.get("/user").status == 200)
            let refused = try await http.get("/user")
            #expect(refused.status == 403)
            #expect(refused.header("retry-after") == "90")
        }
    }

    @Test func worldFilesSetTheLimitsAndResetClearsTheCounters() async throws {
        var world = try Fixtures.world()
        world.rateLimit = try GitHubClassroomWorld.parse("rate_limit: {limit: 1, status: 429}").rateLimit
        try await Fixtures.withMock(world: world) { _, http in
            #expect(try await http.get("/user").status == 200)
            #expect(try await http.get("/user").status == 429)
            try await http.control("reset")
            #expect(try await http.get("/user").status == 200)
        }
    }

    @Test func setRateLimitRejectsBadValuesNamingTheField() async throws {
        try await Fixtures.withMock { _, http in
            let response = try await http.control("set_rate_limit", #"{"status": 500}"#)
            #expect(response.status == 400)
            #expect(response.bodyText.contains(#""field":"status""#))
        }
    }
}

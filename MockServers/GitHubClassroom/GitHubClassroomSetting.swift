import MockServerCore

/// A GitHub Classroom setting the controller may replace: the rate limits (`set_rate_limit`, the
/// body a `rate_limit` object; omitted fields take GitHub's defaults).
public typealias GitHubClassroomSetting = RateLimitSetting<GitHubRateLimit>

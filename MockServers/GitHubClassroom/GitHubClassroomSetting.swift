import MockServerCore

/// A GitHub Classroom setting the controller may replace.
public enum GitHubClassroomSetting: PlatformSetting {
    /// The rate limits (`set_rate_limit`, the body a `rate_limit` object; omitted fields take
    /// GitHub's defaults).
    case rateLimit(GitHubRateLimit)

    public static let names = ["set_rate_limit"]

    public init(name: String, payload: String, file: String) throws(MockError) {
        guard name == "set_rate_limit" else { throw MockError(.invalidCommand, "unknown setting '\(name)'") }
        self = .rateLimit(try YAMLDocument.decode(GitHubRateLimit.self, from: payload, file: file, code: .invalidCommand))
    }
}

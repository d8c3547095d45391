import ConformanceKit
import KitPrimitives

/// Why an HTTP adapter configuration is unusable (a usage error: `conformance run` exits 2).
public typealias HTTPConfigurationError = CodedError<HTTPConfigurationProblem>

/// The domain of ``HTTPConfigurationError``'s codes.
public enum HTTPConfigurationProblem {}

extension ErrorCode where Domain == HTTPConfigurationProblem {
    /// The base URL is not an absolute `http://` or `https://` URL with a host.
    public static let invalidBaseURL: Self = "invalid-base-url"
    /// The profile is neither `strict` nor `compat-6104`.
    public static let unknownProfile: Self = "unknown-profile"
    /// A timeout is not a positive number of seconds.
    public static let invalidTimeout: Self = "invalid-timeout"
    /// Extra headers or body fields are not a JSON object (of strings, for headers).
    public static let invalidExtras: Self = "invalid-extras"
}

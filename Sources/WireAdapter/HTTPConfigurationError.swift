import ConformanceKit
/// Why an HTTP adapter configuration is unusable (a usage error: `conformance run` exits 2).
public struct HTTPConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The base URL is not an absolute `http://` or `https://` URL with a host.
        public static let invalidBaseURL = Code(rawValue: "invalid-base-url")
        /// The profile is neither `strict` nor `compat-6104`.
        public static let unknownProfile = Code(rawValue: "unknown-profile")
        /// A timeout is not a positive number of seconds.
        public static let invalidTimeout = Code(rawValue: "invalid-timeout")
        /// Extra headers or body fields are not a JSON object (of strings, for headers).
        public static let invalidExtras = Code(rawValue: "invalid-extras")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

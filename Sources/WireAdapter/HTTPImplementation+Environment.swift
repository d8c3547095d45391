import KitPrimitives
import MockServerCore
import ConformanceKit

extension HTTPImplementation.Configuration {
    /// The environment variables ``fromEnvironment(_:)`` reads.
    public enum EnvironmentKey {
        /// The base URL, e.g. `http://127.0.0.1:8000/api`; unset or empty: no HTTP implementation.
        public static let url = "EAS_SUT_URL"
        /// `strict` (the default) or `compat-6104`.
        public static let profile = "EAS_PROFILE"
        /// The per-call timeout in seconds (default 10).
        public static let timeout = "EAS_SUT_TIMEOUT"
        /// A JSON object of header names to string values sent with every call.
        public static let headers = "EAS_SUT_HEADERS"
        /// A JSON object of fields added to every body, e.g. `{"sessionToken": "s-123"}`.
        public static let bodyFields = "EAS_SUT_BODY_FIELDS"
    }

    /// The configuration the environment asks for, or nil when `EAS_SUT_URL` is unset or empty.
    ///
    /// ```sh
    /// EAS_SUT_URL=http://127.0.0.1:8000/api EAS_PROFILE=compat-6104 \
    /// EAS_SUT_BODY_FIELDS='{"sessionToken":"s-123"}' swift test
    /// ```
    /// - Throws: ``HTTPConfigurationError`` naming the variable that is wrong.
    public static func fromEnvironment(_ environment: [String: String]) throws(HTTPConfigurationError) -> Self? {
        guard let url = environment[EnvironmentKey.url], !url.isEmpty else { return nil }
        let profileText = environment[EnvironmentKey.profile].flatMap { $0.isEmpty ? nil : $0 } ?? WireProfile.strict.rawValue
        guard let profile = WireProfile(rawValue: profileText) else {
            throw HTTPConfigurationError(
                .unknownProfile, "\(EnvironmentKey.profile)=\(profileText): expected one of \(WireProfile.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var configuration = Self(baseURL: url, profile: profile)
        try configuration.validate()
        if let text = environment[EnvironmentKey.timeout], !text.isEmpty {
            guard let seconds = Double(text), seconds > 0, seconds < 86_400 else {
                throw HTTPConfigurationError(.invalidTimeout, "\(EnvironmentKey.timeout)=\(text): expected a positive number of seconds")
            }
            configuration.timeout = .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        if let text = environment[EnvironmentKey.headers], !text.isEmpty {
            configuration.headers = try jsonObject(text, EnvironmentKey.headers).map { field throws(HTTPConfigurationError) in
                let (name, value) = field
                guard case .string(let string) = value else {
                    throw HTTPConfigurationError(.invalidExtras, "\(EnvironmentKey.headers): the value of \"\(name)\" must be a string")
                }
                return (name: name, value: string)
            }
        }
        if let text = environment[EnvironmentKey.bodyFields], !text.isEmpty {
            configuration.extraBodyFields = try jsonObject(text, EnvironmentKey.bodyFields).map { (name: $0.0, value: $0.1) }
        }
        return configuration
    }

    /// Checks that ``baseURL`` is an absolute `http` or `https` URL with a host and that the timeouts
    /// are positive.
    public func validate() throws(HTTPConfigurationError) {
        let lowered = baseURL.lowercased()
        let scheme = ["http://", "https://"].first { lowered.hasPrefix($0) }
        guard let scheme, !HTTPImplementation.authority(of: String(baseURL.dropFirst(scheme.count))).isEmpty,
            !baseURL.contains(" "), !baseURL.contains("?"), !baseURL.contains("#")
        else {
            throw HTTPConfigurationError(.invalidBaseURL, "\(baseURL): expected an absolute http(s) URL such as \(Self.defaultBaseURL)")
        }
        guard timeout > .zero, connectTimeout > .zero else {
            throw HTTPConfigurationError(.invalidTimeout, "timeouts must be positive (timeout \(timeout), connect \(connectTimeout))")
        }
    }

    private static func jsonObject(_ text: String, _ variable: String) throws(HTTPConfigurationError) -> [(String, JSONValue)] {
        guard let value = try? WireJSONReader.parse(Array(text.utf8)), case .object(let fields) = value else {
            throw HTTPConfigurationError(.invalidExtras, "\(variable): expected a JSON object, e.g. {\"sessionToken\": \"s-123\"}")
        }
        return fields
    }
}

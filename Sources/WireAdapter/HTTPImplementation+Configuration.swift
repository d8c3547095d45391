import Logging
import MockServerCore
import ConformanceKit

extension HTTPImplementation {
    /// Where the implementation is and how to talk to it.
    ///
    /// ```swift
    /// var configuration = HTTPImplementation.Configuration(baseURL: "http://127.0.0.1:8000/api", profile: .compat6104)
    /// configuration.extraBodyFields = [("sessionToken", .string("s-123"))]
    /// configuration.timeout = .seconds(3)
    /// ```
    public struct Configuration: Sendable {
        /// The concept server's base, without a trailing slash: calls go to
        /// `POST {baseURL}/{conceptName}/{name}`.
        public var baseURL: String
        /// How strictly answers are read.
        public var profile: WireProfile
        /// The concept's name in the route.
        public var conceptName = "ExternalAssignmentSync"
        /// Headers sent with every call (e.g. `Authorization`), after `Content-Type` and `Accept`.
        public var headers: [(name: String, value: String)] = []
        /// Fields added to every body (e.g. `sessionToken` for an app behind auth syncs); a field named
        /// like one of the call's arguments replaces it.
        public var extraBodyFields: [(name: String, value: JSONValue)] = []
        /// The longest one call may take, from connecting to the last byte of the answer; a stalled
        /// implementation costs this much, then the call fails with ``HarnessError/Code/timeout``.
        public var timeout: Duration = .seconds(10)
        /// The longest connecting may take (within ``timeout``).
        public var connectTimeout: Duration = .seconds(2)
        /// The largest answer read; a larger one is a protocol violation.
        public var maxAnswerBytes = 16 * 1024 * 1024
        /// Whether an answer that contains an API token given to `connectSource` (in any form the
        /// report redactor recognizes) fails the call as a protocol violation (interpretation 7, Scenarios/README.md).
        public var rejectsTokenEcho = true
        /// Where each call goes, by the spec's name: a path under ``baseURL`` or an absolute URL
        /// (absent: `{conceptName}/{name}`). Set by `--route`, the adapter file, or route resolution.
        public var routes: [String: String] = [:]
        /// The routes resolution tried for a call and found missing (HTTP 404), for its 404 message.
        public var triedRoutes: [String: [String]] = [:]
        /// How to get a session for each owner (an implementation behind authentication); nil: none.
        public var session: SessionPlan?
        /// Spec names for free-text action errors (compat-6104 implementations).
        public var errorNames = ErrorNameMap()
        /// The label for reports; nil gives `"{baseURL} ({profile})"`.
        public var label: String?
        /// Where the adapter logs (route, status and time at debug level; never bodies or tokens).
        public var logger = Logger(label: "conformance.http-sut")

        /// The 6.104 concept server's default base.
        public static let defaultBaseURL = "http://127.0.0.1:8000/api"

        /// A configuration for the server at `baseURL` (a trailing `/` is dropped).
        public init(baseURL: String = Configuration.defaultBaseURL, profile: WireProfile = .strict) {
            var base = baseURL
            while base.hasSuffix("/") { base.removeLast() }
            self.baseURL = base
            self.profile = profile
        }

        /// The URL of `name`'s route.
        public func url(for name: String) -> String {
            guard let route = routes[name] else { return defaultURL(for: name) }
            return absoluteURL(route)
        }

        /// `{baseURL}/{conceptName}/{name}`: where the contract puts a call.
        public func defaultURL(for name: String) -> String { "\(baseURL)/\(conceptName)/\(name)" }

        /// A route as written (a path under the base, with or without a leading `/`, or an absolute URL).
        public func absoluteURL(_ route: String) -> String {
            if route.hasPrefix("http://") || route.hasPrefix("https://") { return route }
            return baseURL + "/" + route.drop { $0 == "/" }
        }

        /// The label reports show.
        public var effectiveLabel: String { label ?? "\(baseURL) (\(profile))" }
    }
}

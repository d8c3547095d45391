/// The credentials and endpoint of one connection to an external platform (the spec's `ConnectionDetails`).
///
/// ```swift
/// let details = ConnectionDetails(apiToken: "tok-alice", baseUrl: "https://canvas.instructure.com")
/// print(details)   // ConnectionDetails(apiToken: [REDACTED], baseUrl: "https://canvas.instructure.com")
/// ```
///
/// ## The token is a secret
/// `description`, `debugDescription` and `customMirror` (so `print`, `String(reflecting:)`, `dump` and
/// string interpolation of any value that contains these details) show `apiToken: [REDACTED]`.
/// `Codable` is the one exception: it encodes and decodes the real token, because the wire contract
/// (README, "The wire contract") carries it in `connectSource`'s body and a durable store must keep it. Never encode
/// these details into a log line, a report or a response.
public struct ConnectionDetails: Sendable, Hashable, Codable {
    /// The platform API token (e.g. a Canvas access token). Secret: never shown by descriptions.
    public var apiToken: String
    /// The platform's base URL, e.g. `https://canvas.instructure.com`.
    public var baseUrl: String

    /// Creates connection details.
    /// - Parameters:
    ///   - apiToken: The platform API token.
    ///   - baseUrl: The platform's base URL.
    public init(apiToken: String, baseUrl: String) {
        self.apiToken = apiToken
        self.baseUrl = baseUrl
    }

    /// The text shown in place of the token.
    public static let redactedToken = "[REDACTED]"
}

extension ConnectionDetails: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `ConnectionDetails(apiToken: [REDACTED], baseUrl: "…")`; never the token.
    public var description: String {
        "ConnectionDetails(apiToken: \(Self.redactedToken), baseUrl: \(String(reflecting: baseUrl)))"
    }

    /// The same as ``description``; never the token.
    public var debugDescription: String { description }

    /// A mirror whose `apiToken` child is `[REDACTED]`, so `dump` never shows the token.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["apiToken": Self.redactedToken, "baseUrl": baseUrl],
            displayStyle: .struct
        )
    }
}

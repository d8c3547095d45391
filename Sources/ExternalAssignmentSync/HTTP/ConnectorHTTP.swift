import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// What every HTTP connector shares: its client's configuration, time conversions, `Location`
/// resolution and token-free descriptions of transport failures.
enum ConnectorHTTP {
    /// An HTTP client configured for connectors: HTTP/1.1, no redirects (each connector decides
    /// itself which redirects are safe for the token), the given connect and read timeouts, and a
    /// refused connection reported at once (the connector's own retry policy decides what to retry;
    /// the client would otherwise keep reconnecting until its connect timeout).
    static func makeClient(connectTimeout: Duration, readTimeout: Duration) -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration(connectTimeout: connectTimeout, readTimeout: readTimeout))
    }

    /// The configuration of ``makeClient(connectTimeout:readTimeout:)``'s clients.
    static func clientConfiguration(connectTimeout: Duration, readTimeout: Duration) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .init(connectTimeout), read: .init(readTimeout)))
        configuration.httpVersion = .http1Only
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// An absolute URL for a `Location` value (absolute, or absolute-path on the current origin).
    static func resolve(_ location: String, against current: String) -> String? {
        if location.hasPrefix("http://") || location.hasPrefix("https://") { return location }
        guard location.hasPrefix("/"), let origin = PlatformBaseURL.origin(of: current) else { return nil }
        return origin + location
    }

    /// A readable, token-free description of a transport failure talking to `platform`.
    static func describeTransport(_ error: any Error, platform: String) -> String {
        let kind = String(describing: error)
        // One message whichever timer fired first (read, connect or the request's deadline race each
        // other), so the same run always reports the same words.
        if kind.contains("deadlineExceeded") || kind.contains("readTimeout") || kind.contains("connectTimeout") {
            return "\(platform) did not answer in time"
        }
        if kind.contains("connectionRefused") || kind.contains("Connection refused") {
            return "could not connect to \(platform) (connection refused)"
        }
        if kind.contains("remoteConnectionClosed") || kind.contains("Connection reset") || kind.contains("ECONNRESET") {
            return "\(platform) closed the connection before a complete answer"
        }
        if kind.contains("responseBodyTooBig") || kind.contains("tooMany") {
            return "\(platform) sent a body larger than the connector accepts"
        }
        return "the connection to \(platform) failed (\(type(of: error)))"
    }
}

/// A connector that talks HTTP to its platform (Canvas, GitHub Classroom); each makes its client the
/// same way.
public protocol PlatformHTTPConnector: SourceConnector {}

extension PlatformHTTPConnector {
    /// An HTTP client configured for connectors: no redirects, the given connect and read timeouts.
    public static func makeHTTPClient(connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(15)) -> HTTPClient {
        ConnectorHTTP.makeClient(connectTimeout: connectTimeout, readTimeout: readTimeout)
    }

    /// Runs `body` with a client made as ``makeHTTPClient(connectTimeout:readTimeout:)`` makes one,
    /// shut down afterwards whether `body` threw or not.
    public static func withHTTPClient<Result>(
        connectTimeout: Duration = .seconds(5), readTimeout: Duration = .seconds(15), _ body: (HTTPClient) async throws -> Result
    ) async throws -> Result {
        let configuration = ConnectorHTTP.clientConfiguration(connectTimeout: connectTimeout, readTimeout: readTimeout)
        return try await HTTPClient.withHTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration, body)
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// A complete platform answer: status, headers and the whole body.
struct PlatformResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: ByteBuffer
}

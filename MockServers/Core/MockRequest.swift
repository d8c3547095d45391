import NIOCore
import NIOHTTP1

/// One HTTP request as a mock platform sees it: decoded head, body, and where it arrived.
public struct MockRequest: Sendable {
    /// The method as sent (`GET`, `POST`, ...).
    public var method: String
    /// The request target as sent (`/api/v1/courses?page=2`).
    public var uri: String
    /// The percent-decoded path without the query (`/api/v1/courses`).
    public var path: String
    /// The raw query string without `?` (empty when absent).
    public var rawQuery: String
    /// Query items in the order sent, percent-decoded (`+` is a space).
    public var query: [(name: String, value: String)]
    /// Request headers in the order sent.
    public var headers: HTTPHeaders
    /// The body, when one was sent.
    public var body: ByteBuffer?
    /// The HTTP version of the request.
    public var version: HTTPVersion
    /// The address the server accepted the connection on, as `host:port`, used when no `Host` is sent.
    public var localAuthority: String

    /// Creates a request; the path and query are split from `uri`.
    public init(
        method: String,
        uri: String,
        headers: HTTPHeaders = [:],
        body: ByteBuffer? = nil,
        version: HTTPVersion = .http1_1,
        localAuthority: String = "127.0.0.1"
    ) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        self.version = version
        self.localAuthority = localAuthority
        let target = uri.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = PercentEncoding.decode(String(parts.first ?? ""), plusIsSpace: false)
        self.rawQuery = parts.count > 1 ? String(parts[1]) : ""
        self.query = PercentEncoding.parseQuery(rawQuery)
    }

    /// The authority the client addressed (`Host` header, else the local address).
    public var authority: String {
        if let host = headers.first(name: "host"), !host.isEmpty { return host }
        return localAuthority
    }

    /// The origin the client used, e.g. `http://127.0.0.1:8123` (the mock serves plain HTTP).
    public var origin: String { "http://" + authority }

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of query parameter `name` (for `include[]`-style repeated keys).
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// The body decoded as UTF-8 (empty when absent).
    public var bodyText: String {
        guard let body else { return "" }
        return String(buffer: body)
    }
}

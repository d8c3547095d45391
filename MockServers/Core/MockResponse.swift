import NIOCore

/// An HTTP response as bytes will carry it: status, headers in a fixed order, and a body.
///
/// The mock serializes responses itself (rather than through `HTTPResponseEncoder`) so the bytes are
/// exactly reproducible and so transport faults can cut them at any point.
public struct MockResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// The reason phrase on the status line.
    public var reason: String
    /// Headers in the order they are written; `Content-Length` is added on serialization.
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: ByteBuffer

    /// Creates a response.
    public init(status: Int, reason: String? = nil, headers: [(name: String, value: String)] = [], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.reason = reason ?? Self.standardReason(status)
        self.headers = headers
        self.body = body
    }

    /// A JSON response with `Content-Type: application/json; charset=utf-8`.
    public static func json(_ status: Int, _ body: ByteBuffer, headers: [(name: String, value: String)] = []) -> MockResponse {
        MockResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: body)
    }

    /// A JSON response from UTF-8 text.
    public static func json(_ status: Int, text: String, headers: [(name: String, value: String)] = []) -> MockResponse {
        json(status, ByteBuffer(string: text), headers: headers)
    }

    /// A plain-text response.
    public static func text(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> MockResponse {
        MockResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: ByteBuffer(string: text))
    }

    /// An HTML response.
    public static func html(_ status: Int, _ html: String, headers: [(name: String, value: String)] = []) -> MockResponse {
        MockResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")] + headers, body: ByteBuffer(string: html))
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Sets (replacing every existing value) header `name`.
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    /// Writes the status line and headers (with `Content-Length` and, when closing, `Connection: close`).
    public func serializeHead(into buffer: inout ByteBuffer, contentLength: Int? = nil, connection: String? = nil) {
        buffer.writeString("HTTP/1.1 \(status) \(reason)\r\n")
        for (name, value) in headers {
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeString("Content-Length: \(contentLength ?? body.readableBytes)\r\n")
        if let connection { buffer.writeString("Connection: \(connection)\r\n") }
        buffer.writeStaticString("\r\n")
    }

    public static func == (lhs: MockResponse, rhs: MockResponse) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    /// The usual reason phrase for `status`.
    public static func standardReason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 413: "Payload Too Large"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}

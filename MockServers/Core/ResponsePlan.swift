/// A fault below HTTP: what happens to the connection instead of (or in the middle of) a response.
public enum TransportFault: String, Sendable, Hashable, Codable, CaseIterable {
    /// The connection is reset (TCP RST, via `SO_LINGER` 0) without a response.
    case reset
    /// The connection is closed cleanly without a response.
    case closeWithoutResponse = "close_without_response"
    /// Part of the status line and headers is sent, then the connection closes.
    case closeMidHeaders = "close_mid_headers"
    /// The headers (with the full `Content-Length`) and part of the body are sent, then the connection closes.
    case closeMidBody = "close_mid_body"
    /// Nothing is sent and the connection stays open until the client closes it, the server stops,
    /// or the server's ``HTTPServerConfiguration/stallLimit`` passes (then it is reset).
    case stall
}

/// What the server does with one request: a response, optionally delayed, optionally broken.
public struct ResponsePlan: Sendable {
    /// The response to write (or to cut short).
    public var response: MockResponse
    /// A real-time delay before anything is written (exercises client timeouts; never virtual time).
    public var delay: Duration?
    /// A transport-level fault to apply instead of a clean write.
    public var transport: TransportFault?
    /// Close the connection after writing, even on keep-alive.
    public var closeAfter: Bool

    /// Creates a plan.
    public init(_ response: MockResponse, delay: Duration? = nil, transport: TransportFault? = nil, closeAfter: Bool = false) {
        self.response = response
        self.delay = delay
        self.transport = transport
        self.closeAfter = closeAfter
    }
}

/// Answers requests; the server calls it once per request, in arrival order per connection.
public protocol HTTPResponder: Sendable {
    /// Decides what to do with `request`.
    func respond(to request: MockRequest) async -> ResponsePlan
}

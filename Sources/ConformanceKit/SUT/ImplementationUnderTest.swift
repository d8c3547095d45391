/// Something the kit can check: the reference in-process, any Swift type, or a server over HTTP.
///
/// Adapters never throw concept errors: those are ``ConceptResult/error(_:)``. A ``HarnessError``
/// means the implementation could not be asked or did not answer sensibly (unreachable, timed out,
/// closed the socket, answered garbage); the case fails with that reason and the run goes on.
public protocol ImplementationUnderTest: Sendable {
    /// A short label for reports (`reference (in-process)`, `http://127.0.0.1:8000/api`).
    var label: String { get }

    /// Performs one call.
    func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError>
}

/// Why the harness got no usable answer from an implementation.
public struct HarnessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Nothing accepted the connection.
        public static let unreachable = Code(rawValue: "unreachable")
        /// No complete answer within the per-call timeout.
        public static let timeout = Code(rawValue: "timeout")
        /// The connection broke (reset, closed mid-answer).
        public static let connectionLost = Code(rawValue: "connection-lost")
        /// The answer cannot be read as an answer of the wire contract (not HTTP 200, empty, not
        /// JSON, HTML, a route that is not there): the kit cannot judge it.
        public static let protocolViolation = Code(rawValue: "protocol-violation")
        /// The answer is JSON in the contract's envelope but breaks the profile's shape (a required
        /// field missing, a field of the wrong type): the implementation broke the contract.
        public static let contractViolation = Code(rawValue: "contract-violation")
        /// The answer contains an apiToken given to `connectSource`: the implementation broke the
        /// spec's secrecy rule.
        public static let secretInAnswer = Code(rawValue: "secret-in-answer")
        /// The implementation reported an internal failure (HTTP 5xx, a thrown exception).
        public static let crashed = Code(rawValue: "crashed")
        /// A restart (a ``RestartableImplementation``) failed, or the implementation did not answer after it.
        public static let restartFailed = Code(rawValue: "restart-failed")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

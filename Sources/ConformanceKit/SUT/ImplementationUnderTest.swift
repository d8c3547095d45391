import KitPrimitives

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

/// Why the harness got no usable answer from an implementation: a code below and a message.
public typealias HarnessError = CodedError<HarnessFailure>

/// The domain of ``HarnessError``'s codes.
public enum HarnessFailure {}

extension ErrorCode where Domain == HarnessFailure {
    /// Nothing accepted the connection.
    public static let unreachable: Self = "unreachable"
    /// No complete answer within the per-call timeout.
    public static let timeout: Self = "timeout"
    /// The connection broke (reset, closed mid-answer).
    public static let connectionLost: Self = "connection-lost"
    /// The answer cannot be read as an answer of the wire contract (not HTTP 200, empty, not
    /// JSON, HTML, a route that is not there): the kit cannot judge it.
    public static let protocolViolation: Self = "protocol-violation"
    /// The answer is JSON in the contract's envelope but breaks the profile's shape (a required
    /// field missing, a field of the wrong type): the implementation broke the contract.
    public static let contractViolation: Self = "contract-violation"
    /// The answer contains an apiToken given to `connectSource`: the implementation broke the
    /// spec's secrecy rule.
    public static let secretInAnswer: Self = "secret-in-answer"
    /// The implementation reported an internal failure (HTTP 5xx, a thrown exception).
    public static let crashed: Self = "crashed"
    /// A restart (a ``RestartableImplementation``) failed, or the implementation did not answer after it.
    public static let restartFailed: Self = "restart-failed"
}

import ConformanceKit
import Logging
import MockServerCore
import WireAdapter
import MutantGallery

/// How `conformance serve` speaks: the kit's strict contract, or as a deployed 6.104 app does.
public enum ServeDialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The strict wire contract (``ReferenceHTTPResponder``).
    case strict
    /// Sessions, owners from the session, queries without `_`, free-text errors, epoch milliseconds,
    /// documents with `_id` (``AppDialectResponder``).
    case app6104 = "6104-app"

    public var description: String { rawValue }

    /// A responder serving `implementation` in this dialect under `basePath`.
    public func responder(for implementation: any ImplementationUnderTest, basePath: String, logger: Logger) -> DialectResponder {
        switch self {
        case .strict: DialectResponder(ReferenceHTTPResponder(implementation: implementation, basePath: basePath, logger: logger))
        case .app6104: DialectResponder(AppDialectResponder(implementation: implementation, basePath: basePath, logger: logger))
        }
    }
}

/// The responder of a dialect, as one type for ``HTTPServer``.
public struct DialectResponder: HTTPResponder {
    let inner: any HTTPResponder

    init(_ inner: any HTTPResponder) { self.inner = inner }

    public func respond(to request: MockRequest) async -> ResponsePlan { await inner.respond(to: request) }
}

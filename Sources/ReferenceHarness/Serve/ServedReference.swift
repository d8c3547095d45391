import ConformanceKit
import ExternalAssignmentSync
import Logging
import MockServerCore
import WireAdapter
import MutantGallery

/// A reference implementation served over HTTP for the duration of a scope (see
/// ``withReferenceServer(host:port:basePath:options:_:)``).
public struct ServedReference: Sendable {
    /// Where the server listens.
    public var address: BoundAddress
    /// The routes' prefix, e.g. `/api`.
    public var basePath: String
    /// The service behind the server (to inspect or seed state directly).
    public var service: SyncService

    /// The base URL an ``HTTPImplementation`` takes, e.g. `http://127.0.0.1:8000/api`.
    public var baseURL: String { address.origin + basePath }
}

/// Serves the reference implementation (``ReferenceImplementation/withService(_:_:)`` with `options`)
/// in the strict wire contract on `host:port` for the duration of `body`; port 0 picks a free one.
/// The server, its connections and the reference's HTTP client are closed when `body` returns.
///
/// ```swift
/// try await withReferenceServer(options: options) { served in
///     try await HTTPImplementation.withImplementation(.init(baseURL: served.baseURL)) { sut in … }
/// }
/// ```
public func withReferenceServer<Result: Sendable>(
    host: String = "127.0.0.1", port: Int = 0, basePath: String = "/api",
    options: ReferenceImplementation.Options = ReferenceImplementation.Options(),
    logger: Logger = Logger(label: "conformance.serve"),
    _ body: (ServedReference) async throws -> Result
) async throws -> Result {
    try await ReferenceImplementation.withService(options) { service in
        let responder = ReferenceHTTPResponder(service: service, basePath: basePath, logger: logger)
        return try await withHTTPServer(configuration: HTTPServerConfiguration(host: host, port: port), responder: responder, logger: logger) {
            address in
            try await body(ServedReference(address: address, basePath: responder.basePath, service: service))
        }
    }
}

/// Serves the reference in the strict wire contract on `configuration` until the task is cancelled,
/// calling `onReady` with the bound address once it listens (what `conformance serve` runs).
public func runReferenceServer(
    configuration: HTTPServerConfiguration, basePath: String = "/api",
    options: ReferenceImplementation.Options = ReferenceImplementation.Options(),
    logger: Logger = Logger(label: "conformance.serve"), dialect: ServeDialect = .strict,
    onReady: @escaping @Sendable (BoundAddress) -> Void
) async throws {
    try await ReferenceImplementation.withService(options) { service in
        let responder = dialect.responder(
            for: InProcessImplementation(service: service, label: "reference (served)"), basePath: basePath, logger: logger)
        try await HTTPServer(configuration: configuration, responder: responder, logger: logger).run(onReady: onReady)
    }
}

import ConformanceKit
import AsyncHTTPClient
import ExternalAssignmentSync
import Logging
import MockServerCore
import WireAdapter
import MutantGallery

/// Serves a bug-gallery mutant on a loopback port for the duration of `body`, as `conformance serve
/// --mutant` serves it: on its own HTTP client (shut down afterwards) and the system's wall clock.
/// `body` gets the base URL (`…/api`).
///
/// ```swift
/// try await withServedMutant(.onlyFirstPage) { baseURL in /* point the kit at baseURL */ }
/// ```
public func withServedMutant<Result: Sendable>(
    _ bug: MutantBug, platformTimeout: Duration = .seconds(5), dialect: ServeDialect = .strict,
    logger: Logger = Logger(label: "conformance.serve") { _ in SwiftLogNoOpLogHandler() },
    _ body: (String) async throws -> Result
) async throws -> Result {
    let client = MutantImplementation.makeHTTPClient(platformTimeout: platformTimeout)
    let implementation = MutantImplementation(bug: bug, http: client, wallTime: SyncService.systemWallTime, platformTimeout: platformTimeout)
    let responder = dialect.responder(for: implementation, basePath: "/api", logger: logger)
    return try await client.shutdownAfter {
        try await withHTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), responder: responder, logger: logger) {
            address in try await body(address.origin + "/api")
        }
    }
}

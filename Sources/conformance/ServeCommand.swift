import ArgumentParser
import ConformanceKit
import ExternalAssignmentSync
import Foundation
import MockServerCore
import Synchronization

extension Conformance {
    /// `conformance serve`: the reference implementation over HTTP, in the strict wire contract.
    struct ServeCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the reference implementation over HTTP (strict wire contract) until interrupted.",
            discussion: """
                Prints its base URL (e.g. http://127.0.0.1:8000/api) as the first line on stdout, then serves
                until SIGINT or SIGTERM and exits 0. Routes: POST {base}/ExternalAssignmentSync/{name}, with
                name an action (connectSource, ...) or query (_getSourcesForUser, ...) of the spec; GET /
                answers "Concept Server is running.". Source ids are sequential (source-1, source-2, ...);
                state is in memory and lost on exit. The wire contract is in DESIGN.md §5 and the README.

                Examples:
                  conformance serve
                  conformance serve --port 8100 --base /api
                  curl -s -X POST localhost:8000/api/ExternalAssignmentSync/_getSourcesForUser \\
                       -H 'Content-Type: application/json' -d '{"user": "user:alice"}'
                """
        )

        @Option(help: "The port to listen on (0 picks a free one).")
        var port: Int = 8000

        @Option(help: "The address to bind.")
        var host: String = "127.0.0.1"

        @Option(help: "The routes' base path.")
        var base: String = "/api"

        @Option(help: "The longest one platform (Canvas) request may take, in seconds (below the kit's per-call timeout, so a stalled platform is reported as NetworkError).")
        var platformTimeout: Double = 5

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard platformTimeout > 0 else { throw ValidationError("--platform-timeout must be positive") }
        }

        func run() async throws {
            var options = ReferenceImplementation.Options()
            let timeout = Duration.milliseconds(Int64(platformTimeout * 1000))
            options.canvas.requestTimeout = timeout
            options.canvas.totalTimeout = max(options.canvas.totalTimeout, timeout)
            options.connectTimeout = min(options.connectTimeout, timeout)
            options.readTimeout = min(options.readTimeout, timeout)
            let referenceOptions = options
            let configuration = HTTPServerConfiguration(host: host, port: port)
            let basePath = ReferenceHTTPResponder.normalized(base)
            let listening = ListeningFlag()
            do {
                try await SignalScope.runUntilSignal {
                    try await runReferenceServer(configuration: configuration, basePath: basePath, options: referenceOptions) { address in
                        listening.value.store(true, ordering: .relaxed)
                        let baseURL = address.origin + basePath
                        FileHandle.standardOutput.write(Data((baseURL + "\n").utf8))
                        FileHandle.standardError.write(Data(
                            "serve: the reference (strict contract) on \(baseURL)/ExternalAssignmentSync/{name}; SIGINT or SIGTERM stops it\n".utf8))
                    }
                }
            } catch where !listening.value.load(ordering: .relaxed) {
                FileHandle.standardError.write(Data("error: could not listen on \(host):\(port): \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

/// Whether the server got as far as listening (an error before that is a configuration error).
private final class ListeningFlag: Sendable {
    let value = Atomic(false)
}

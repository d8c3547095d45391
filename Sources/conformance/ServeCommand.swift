import ArgumentParser
import AsyncHTTPClient
import ConformanceKit
import ReferenceHarness
import ExternalAssignmentSync
import Foundation
import Logging
import MockServerCore
import Synchronization
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

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
                answers "Concept Server is running.". Source ids are sequential (source-1, source-2, ...).
                State is in memory and lost on exit, unless --store sqlite:PATH keeps it in a SQLite file
                (WAL, one transaction per action): a restart on the same file, even after SIGKILL, serves
                the state after the last answered action, and ids go on counting. The wire contract is in
                README, "The wire contract" and the README.

                Examples:
                  conformance serve
                  conformance serve --port 8100 --base /api
                  conformance serve --store sqlite:/tmp/eas.sqlite
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

        @Option(help: "The longest one platform (Canvas, GitHub Classroom) request may take, in seconds (below the kit's per-call timeout, so a stalled platform is reported as NetworkError).")
        var platformTimeout: Double = 5

        @Option(help: ArgumentHelp("Where the reference keeps its state: memory (lost on exit) or sqlite:PATH (a SQLite file, created if missing; its directory must exist).", valueName: "store"))
        var store: String = "memory"

        @Option(help: ArgumentHelp("With --store sqlite: full syncs every commit to disk (survives power loss), normal only at checkpoints (survives a crash of the process).", valueName: "full|normal"))
        var durability: String = "full"

        @Option(help: ArgumentHelp("How to speak: strict (the kit's wire contract) or 6104-app (as a deployed 6.104 app: register and login for a session, owner and user from the session, queries without _, free-text errors, epoch-millisecond timestamps, documents with _id; see the README's adapter example).", valueName: "strict|6104-app"))
        var dialect: String = "strict"

        @Option(help: ArgumentHelp("Serve a deliberately wrong implementation from the bug gallery instead of the reference (to see what failures look like): \(MutantBug.gallery.map(\.rawValue).joined(separator: ", ")).", valueName: "bug"))
        var mutant: String?

        func validate() throws {
            if let mutant, MutantBug(rawValue: mutant) == nil || mutant == "none" {
                throw ValidationError("--mutant must be one of: \(MutantBug.gallery.map(\.rawValue).joined(separator: ", "))")
            }
            guard ServeDialect(rawValue: dialect) != nil else { throw ValidationError("--dialect must be strict or 6104-app") }
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard platformTimeout > 0 else { throw ValidationError("--platform-timeout must be positive") }
            let location = try storeLocation()
            if mutant != nil, location != .memory { throw ValidationError("--store applies to the reference, not to a --mutant") }
        }

        /// The parsed `--store` and `--durability`.
        func storeLocation() throws -> ReferenceStoreLocation {
            guard let durability = SQLiteSyncStore.Options.Durability(rawValue: durability) else {
                throw ValidationError("--durability must be full or normal")
            }
            do throws(ReferenceStoreLocation.ParseError) {
                switch try ReferenceStoreLocation(parsing: store) {
                case .memory: return .memory
                case .sqlite(let path, _): return .sqlite(path: path, durability: durability)
                }
            } catch {
                throw ValidationError("--store: \(error)")
            }
        }

        /// Opens the store; a SQLite store also resumes the sequential ids after the highest one it issued.
        func openStore(into options: inout ReferenceImplementation.Options) throws {
            let location = try storeLocation()
            do throws(SQLiteStoreError) {
                let opened = try location.open()
                options.store = opened
                if let sqlite = opened as? SQLiteSyncStore {
                    options.idGenerator = SequentialSourceAccountIDGenerator.resuming(after: try sqlite.snapshot)
                }
            } catch {
                FileHandle.standardError.write(Data("error: could not open the store \(location): \(error)\n".utf8))
                throw ExitCode(2)
            }
        }

        func run() async throws {
            var options = ReferenceImplementation.Options()
            let timeout = Duration.milliseconds(Int64(platformTimeout * 1000))
            options.canvas.requestTimeout = timeout
            options.canvas.totalTimeout = max(options.canvas.totalTimeout, timeout)
            options.gitHubClassroom.requestTimeout = timeout
            options.gitHubClassroom.totalTimeout = max(options.gitHubClassroom.totalTimeout, timeout)
            options.connectTimeout = min(options.connectTimeout, timeout)
            options.readTimeout = min(options.readTimeout, timeout)
            if mutant == nil { try openStore(into: &options) }
            let referenceOptions = options
            let servedDialect = ServeDialect(rawValue: dialect) ?? .strict
            let configuration = HTTPServerConfiguration(host: host, port: port)
            let basePath = ReferenceHTTPResponder.normalized(base)
            let listening = ListeningFlag()
            do {
                let bug = mutant.flatMap(MutantBug.init(rawValue:))
                let what = bug.map { "the mutant '\($0)' (deliberately wrong)" } ?? "the reference (\(store) store)"
                let onReady: @Sendable (BoundAddress) -> Void = { address in
                    listening.value.store(true, ordering: .relaxed)
                    let baseURL = address.origin + basePath
                    FileHandle.standardOutput.write(Data((baseURL + "\n").utf8))
                    FileHandle.standardError.write(Data(
                        "serve: \(what) (\(servedDialect == .strict ? "strict contract" : "as a 6.104 app")) on \(baseURL)/ExternalAssignmentSync/{name}; SIGINT or SIGTERM stops it\n".utf8))
                }
                try await SignalScope.runUntilSignal {
                    if let bug {
                        try await Self.serveMutant(
                            bug, configuration: configuration, basePath: basePath, platformTimeout: timeout, dialect: servedDialect, onReady: onReady)
                    } else {
                        try await runReferenceServer(
                            configuration: configuration, basePath: basePath, options: referenceOptions, dialect: servedDialect, onReady: onReady)
                    }
                }
            } catch where !listening.value.load(ordering: .relaxed) {
                FileHandle.standardError.write(Data("error: could not listen on \(host):\(port): \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

extension Conformance.ServeCommand {
    /// Serves a bug-gallery mutant on its own HTTP client (shut down when serving stops).
    static func serveMutant(
        _ bug: MutantBug, configuration: HTTPServerConfiguration, basePath: String, platformTimeout: Duration, dialect: ServeDialect,
        onReady: @escaping @Sendable (BoundAddress) -> Void
    ) async throws {
        let client = MutantImplementation.makeHTTPClient(platformTimeout: platformTimeout)
        let implementation = MutantImplementation(bug: bug, http: client, wallTime: SyncService.systemWallTime, platformTimeout: platformTimeout)
        let responder = dialect.responder(for: implementation, basePath: basePath, logger: Logger(label: "conformance.serve"))
        do {
            try await HTTPServer(configuration: configuration, responder: responder).run(onReady: onReady)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// Whether the server got as far as listening (an error before that is a configuration error).
private final class ListeningFlag: Sendable {
    let value = Atomic(false)
}

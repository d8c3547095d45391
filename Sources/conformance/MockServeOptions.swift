import ArgumentParser
import Foundation
import KitPrimitives
import MockServerCore

/// The options and the serving loop `mock-canvas` and `mock-github-classroom` share.
struct MockServeOptions: ParsableArguments {
    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "The address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "The run seed for fault probabilities, decimal or 0x hex (default: EAS_SEED, else 0).", transform: SUTOptions.seed)
    var seed: UInt64?

    func validate() throws {
        do { _ = try RunSeed.fromEnvironment(ProcessInfo.processInfo.environment) } catch { throw ValidationError(error.description) }
    }

    @Option(help: "A world file (YAML or JSON; see the README). Default: an empty world.")
    var world: String?

    /// Loads the world, prints the base URL as the first line on stdout once listening, and serves
    /// until SIGINT or SIGTERM; a world file that does not load exits 2 with its file, line and field.
    func serve<Platform: MockPlatform>(_ platform: Platform.Type) async throws {
        let world: Platform.World
        do {
            world = try self.world.map { try Platform.World.load(contentsOf: $0) } ?? Platform.World()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let seed = self.seed ?? (try? RunSeed.fromEnvironment(ProcessInfo.processInfo.environment)) ?? 0
        let mock = MockPlatformServer<Platform>(world: world, seed: seed)
        let configuration = HTTPServerConfiguration(host: host, port: port)
        try await SignalScope.runUntilSignal {
            try await mock.run(configuration: configuration) { address in
                FileHandle.standardOutput.write(Data((address.origin + "\n").utf8))
                FileHandle.standardError.write(
                    Data("mock-\(Platform.name): serving on \(address.origin) (seed \(seed)); SIGINT or SIGTERM stops it\n".utf8))
            }
        }
    }
}

extension MockServeOptions {
    /// The help text of a mock command: what ``serve(_:)`` prints and how it stops, then how to
    /// point a client at it (`client`), how to control it, and `examples` (one command a line).
    static func discussion(client: String, examples: [String]) -> String {
        """
        Prints its base URL (e.g. http://127.0.0.1:8123) as the first line on stdout, then serves
        until SIGINT or SIGTERM and exits 0. \(client) Control it over HTTP under /__mock/ (see README).

        Examples:

        """ + examples.map { "  " + $0 }.joined(separator: "\n")
    }
}

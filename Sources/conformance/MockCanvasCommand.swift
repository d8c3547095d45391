import ArgumentParser
import Foundation
import KitPrimitives
import Logging
import MockCanvas
import MockServerCore

extension Conformance {
    /// `conformance mock-canvas`: serve a mock Canvas until SIGINT or SIGTERM.
    struct MockCanvasCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mock-canvas",
            abstract: "Serve a deterministic mock Canvas LMS until interrupted.",
            discussion: """
                Prints its base URL (e.g. http://127.0.0.1:8123) as the first line on stdout, then serves
                until SIGINT or SIGTERM and exits 0. Point a Canvas client at that base URL (canvasapi:
                Canvas(base_url, token)). Control it over HTTP under /__mock/ (see README).

                Examples:
                  conformance mock-canvas --world Scenarios/worlds/basic.yaml
                  conformance mock-canvas --port 8900 --seed 7 --world my-world.yaml
                  curl -s localhost:8900/api/v1/users/self -H 'Authorization: Bearer tok-alice'
                  curl -s -X POST localhost:8900/__mock/advance_clock -d '{"seconds": 60}'
                """
        )

        @Option(help: "The port to listen on (0 picks a free one).")
        var port: Int = 0

        @Option(help: "The address to bind.")
        var host: String = "127.0.0.1"

        @Option(help: "The run seed for fault probabilities (default: EAS_SEED, else 0).")
        var seed: UInt64?

        @Option(help: "A world file (YAML or JSON, see Scenarios/README.md). Default: an empty world.")
        var world: String?

        func run() async throws {
            let world: CanvasWorld
            do {
                world = try self.world.map { try CanvasWorld.load(contentsOf: $0) } ?? CanvasWorld()
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(2)
            }
            let seed = self.seed ?? ProcessInfo.processInfo.environment["EAS_SEED"].flatMap(UInt64.init) ?? 0
            let canvas = MockCanvas(world: world, seed: seed)
            let configuration = HTTPServerConfiguration(host: host, port: port)
            try await SignalScope.runUntilSignal {
                try await canvas.run(configuration: configuration) { address in
                    FileHandle.standardOutput.write(Data((address.origin + "\n").utf8))
                    FileHandle.standardError.write(Data("mock-canvas: serving on \(address.origin) (seed \(seed)); SIGINT or SIGTERM stops it\n".utf8))
                }
            }
        }
    }
}

import ArgumentParser
import Foundation
import KitPrimitives
import Logging
import MockGitHubClassroom
import MockServerCore

extension Conformance {
    /// `conformance mock-github-classroom`: serve a mock GitHub Classroom API until SIGINT or SIGTERM.
    struct MockGitHubClassroomCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mock-github-classroom",
            abstract: "Serve a deterministic mock GitHub Classroom REST API until interrupted.",
            discussion: """
                Prints its base URL (e.g. http://127.0.0.1:8123) as the first line on stdout, then serves
                until SIGINT or SIGTERM and exits 0. Point a GitHub client at that base URL as its API
                root (instead of https://api.github.com). Control it over HTTP under /__mock/ (see README).

                Examples:
                  conformance mock-github-classroom --world Scenarios/worlds/github-classroom/basic.yaml
                  conformance mock-github-classroom --port 8901 --seed 7 --world my-world.yaml
                  curl -s localhost:8901/classrooms -H 'Authorization: Bearer tok-alice'
                  curl -s -X POST localhost:8901/__mock/advance_clock -d '{"seconds": 3600}'
                """
        )

        @Option(help: "The port to listen on (0 picks a free one).")
        var port: Int = 0

        @Option(help: "The address to bind.")
        var host: String = "127.0.0.1"

        @Option(help: "The run seed for fault probabilities (default: EAS_SEED, else 0).")
        var seed: UInt64?

        @Option(help: "A world file (YAML or JSON, see README: Mock GitHub Classroom). Default: an empty world.")
        var world: String?

        func run() async throws {
            let world: GitHubClassroomWorld
            do {
                world = try self.world.map { try GitHubClassroomWorld.load(contentsOf: $0) } ?? GitHubClassroomWorld()
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(2)
            }
            let seed = self.seed ?? ProcessInfo.processInfo.environment["EAS_SEED"].flatMap(UInt64.init) ?? 0
            let github = MockGitHubClassroom(world: world, seed: seed)
            let configuration = HTTPServerConfiguration(host: host, port: port)
            try await SignalScope.runUntilSignal {
                try await github.run(configuration: configuration) { address in
                    FileHandle.standardOutput.write(Data((address.origin + "\n").utf8))
                    FileHandle.standardError.write(
                        Data("mock-github-classroom: serving on \(address.origin) (seed \(seed)); SIGINT or SIGTERM stops it\n".utf8))
                }
            }
        }
    }
}

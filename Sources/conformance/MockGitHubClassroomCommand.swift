import ArgumentParser
import Foundation
import MockGitHubClassroom
import MockServerCore

extension Conformance {
    /// `conformance mock-github-classroom`: serve a mock GitHub Classroom API until SIGINT or SIGTERM.
    struct MockGitHubClassroomCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mock-github-classroom",
            abstract: "Serve a deterministic mock GitHub Classroom REST API until interrupted.",
            discussion: MockServeOptions.discussion(
                client: "Point a GitHub client at that base URL as its API\nroot (instead of https://api.github.com).",
                examples: [
                    "conformance mock-github-classroom --world Scenarios/worlds/github-classroom/basic.yaml",
                    "conformance mock-github-classroom --port 8901 --seed 7 --world my-world.yaml",
                    "curl -s localhost:8901/classrooms -H 'Authorization: Bearer tok-alice'",
                    #"curl -s -X POST localhost:8901/__mock/advance_clock -d '{"seconds": 3600}'"#,
                ])
        )

        @OptionGroup var options: MockServeOptions

        func run() async throws {
            try await options.serve(GitHubClassroomPlatform.self)
        }
    }
}

import ArgumentParser
import Foundation
import MockCanvas
import MockServerCore

extension Conformance {
    /// `conformance mock-canvas`: serve a mock Canvas until SIGINT or SIGTERM.
    struct MockCanvasCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mock-canvas",
            abstract: "Serve a deterministic mock Canvas LMS until interrupted.",
            discussion: MockServeOptions.discussion(
                client: "Point a Canvas client at that base URL (canvasapi:\nCanvas(base_url, token)).",
                examples: [
                    "conformance mock-canvas --world Scenarios/worlds/basic.yaml",
                    "conformance mock-canvas --port 8900 --seed 7 --world my-world.yaml",
                    "curl -s localhost:8900/api/v1/users/self -H 'Authorization: Bearer tok-alice'",
                    #"curl -s -X POST localhost:8900/__mock/advance_clock -d '{"seconds": 60}'"#,
                ])
        )

        @OptionGroup var options: MockServeOptions

        func run() async throws {
            try await options.serve(CanvasPlatform.self)
        }
    }
}

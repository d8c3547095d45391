import ArgumentParser
import Foundation
import KitPrimitives
import MockCanvas
import MockServerCore
import NIOCore
import NIOHTTP1
import NIOPosix

extension Conformance {
    /// `conformance bench`: performance figures, printed as a table (never asserted in tests).
    struct BenchCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Measure the kit's performance (run with -c release).",
            discussion: """
                Examples:
                  swift run -c release conformance bench                 # every figure, one table
                  swift run -c release conformance bench mock-canvas
                  swift run -c release conformance bench mock-canvas --connections 32 --seconds 10
                  swift run -c release conformance bench mock-canvas --write-page /tmp/page.json
                  swift run -c release conformance bench mock-canvas --url http://127.0.0.1:8080/page.json
                  swift run -c release conformance bench reference
                  swift run -c release conformance bench github-poll
                  swift run -c release conformance bench http                 # a default run over HTTP, phase by phase
                  swift run -c release conformance bench gallery-http         # every gallery bug served over HTTP
                """,
            subcommands: [
                BenchAll.self, MockCanvasBench.self, ReferenceBench.self, GitHubPollBench.self, ScenarioBench.self, CheckerBench.self, ReportBench.self,
                StoreBench.self, HTTPRunBench.self, GalleryHTTPBench.self,
            ],
            defaultSubcommand: BenchAll.self
        )
    }

    struct MockCanvasBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mock-canvas",
            abstract: "Requests/s and p50/p99 latency for a 100-assignment page over keep-alive loopback connections.",
            discussion: "Examples:\n  conformance bench mock-canvas --connections 32 --seconds 10\n  conformance bench mock-canvas --write-page /tmp/page.json   # serve it with nginx, then:\n  conformance bench mock-canvas --url http://127.0.0.1:8080/page.json")

        @Option(help: "Concurrent keep-alive connections.")
        var connections: Int = 16

        @Option(help: "Seconds of load (after a 1 s warm-up).")
        var seconds: Int = 5

        @Option(help: "Load this URL instead of an in-process mock (e.g. nginx serving --write-page's bytes).")
        var url: String?

        @Option(help: "Write the exact 100-assignment page body to this file and exit (for a static-file comparison).")
        var writePage: String?

        func run() async throws {
            if let writePage {
                let canvas = MockCanvas(world: Self.benchWorld(), seed: 1)
                var request = MockRequest(method: "GET", uri: Self.target, headers: ["Authorization": "Bearer tok-bench", "Host": "127.0.0.1:8080"])
                request.localAuthority = "127.0.0.1:8080"
                let body = canvas.handle(request).response.body
                try Data(body.readableBytesView).write(to: URL(fileURLWithPath: writePage))
                print("wrote \(body.readableBytes) bytes to \(writePage)")
                return
            }
            let cores = System.coreCount
            if let url {
                guard let components = URLComponents(string: url), let host = components.host else {
                    throw ValidationError("--url must be an absolute http URL")
                }
                let path = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
                let result = try await load(host: host, port: components.port ?? 80, target: path)
                report(title: "external \(url)", result: result, cores: cores)
                return
            }
            let result = try await Self.measureInProcess(connections: connections, seconds: seconds)
            report(title: "mock-canvas, 100-assignment page", result: result, cores: cores)
        }

        func load(host: String, port: Int, target: String) async throws -> HTTPLoadGenerator.Result {
            try await Self.load(host: host, port: port, target: target, connections: connections, seconds: seconds)
        }

        /// The in-process mock under load: a 1 s warm-up, then `seconds` of measurement.
        static func measureInProcess(connections: Int, seconds: Int) async throws -> HTTPLoadGenerator.Result {
            let canvas = MockCanvas(world: benchWorld(), seed: 1)
            return try await canvas.withServer { address in
                try await load(host: address.host, port: address.port, target: target, connections: connections, seconds: seconds)
            }
        }

        static let target = "/api/v1/courses/10/assignments?per_page=100"

        static func load(host: String, port: Int, target: String, connections: Int, seconds: Int) async throws -> HTTPLoadGenerator.Result {
            var generator = HTTPLoadGenerator(
                host: host, port: port, target: target, headers: [("Authorization", "Bearer tok-bench")],
                connections: connections, duration: .seconds(1))
            _ = try await generator.run(group: MultiThreadedEventLoopGroup.singleton)  // warm-up
            generator.duration = .seconds(seconds)
            return try await generator.run(group: MultiThreadedEventLoopGroup.singleton)
        }

        func report(title: String, result: HTTPLoadGenerator.Result, cores: Int) {
            let bytesPerResponse = result.requests > 0 ? result.bytes / result.requests : 0
            print("""
                benchmark: \(title)
                  machine cores     \(cores)
                  connections       \(connections) keep-alive, closed loop, \(seconds) s
                  response size     \(bytesPerResponse) bytes
                  requests          \(result.requests) (\(result.errors) errors)
                  requests/s        \(String(format: "%.0f", result.requestsPerSecond))
                  latency p50       \(String(format: "%.3f", result.percentile(50))) ms
                  latency p99       \(String(format: "%.3f", result.percentile(99))) ms
                  peak RSS          \(BenchEnvironment.peakMemory)
                """)
        }

        static func benchWorld() -> CanvasWorld {
            let assignments = (1...100).map { i in
                CanvasAssignment(
                    id: Int64(900_000 + i), name: "Problem Set \(i)", description: "<p>Read chapter \(i) and answer the questions.</p>",
                    dueAt: Timestamp(seconds: 1_757_476_799 + Int64(i) * 86_400), updatedAt: Timestamp(seconds: 1_756_555_200))
            }
            var limit = CanvasRateLimit()
            limit.leakPerSecond = 1e12  // the benchmark measures serving, not throttling
            limit.highWater = 1e15
            limit.maximum = 1e15
            return CanvasWorld(
                rateLimit: limit,
                users: [CanvasUser(id: 1, name: "Bench Student", tokens: [CanvasToken(token: "tok-bench")])],
                courses: [CanvasCourse(id: 10, name: "Bench Course", enrollments: [CanvasEnrollment(user: 1)], assignments: assignments)])
        }
    }
}

/// Peak memory of this process, from `/proc/self/status` (Linux).
enum ProcessMemory {
    static var peakResidentMegabytes: Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kb / 1024
    }
}

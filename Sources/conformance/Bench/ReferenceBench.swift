import ArgumentParser
import ConformanceKit
import ReferenceHarness
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Logging
import MockCanvas
import MockServerCore
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance bench reference`: the reference's poll through the mock, and identifyChanges scaling.
    struct ReferenceBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reference",
            abstract: "Poll 50 courses x 200 assignments through the mock; identifyChanges over 10,000 and 100,000 items.",
            discussion: "Examples:\n  conformance bench reference\n  conformance bench reference --courses 20 --per-course 500 --polls 10")

        @Option(help: "Courses in the polled world.")
        var courses: Int = 50

        @Option(help: "Assignments per course.")
        var perCourse: Int = 200

        @Option(help: "Polls to time (the first warms up and is not counted).")
        var polls: Int = 5

        func run() async throws {
            print("benchmark: reference implementation (machine cores \(BenchEnvironment.machineCores))")
            let poll = try await Self.measurePoll(courses: courses, perCourse: perCourse, polls: polls)
            print("""
                  poll                  \(courses) courses x \(perCourse) assignments = \(poll.items) items, \(poll.requestsPerPoll) requests per poll
                  poll wall time        median \(String(format: "%.3f", poll.median)) s, min \(String(format: "%.3f", poll.minimum)) s
                  requests/s            \(String(format: "%.0f", poll.requestsPerSecond))
                  assignments/s         \(String(format: "%.0f", poll.itemsPerSecond))
                """)
            for size in [10_000, 100_000] {
                let (median, changed) = try await Self.measureIdentify(size: size)
                print("  identifyChanges       \(size) raw vs \(size) mappings: median \(String(format: "%.4f", median)) s (\(String(format: "%.2f", median * 1e6 / Double(size))) µs/item), \(changed) to process")
            }
            print("  peak RSS              \(BenchEnvironment.peakMemory)")
        }

        /// Poll figures: items per poll, requests per poll, median and fastest wall time, rates.
        struct PollFigures {
            var items: Int
            var requestsPerPoll: Int
            var median: Double
            var minimum: Double
            var requestsPerSecond: Double
            var itemsPerSecond: Double
        }

        static func measurePoll(courses: Int, perCourse: Int, polls: Int) async throws -> PollFigures {
            try await measurePoll(
                MockCanvas(world: world(courses: courses, perCourse: perCourse), seed: 1),
                sourceType: ReferenceImplementation.canvasSourceType, polls: polls)
        }

        /// Polls everything `tok-bench` sees on `mock` through the reference `polls` times, after one
        /// untimed warm-up poll (which also fills a fingerprint ledger, so the timed polls see the
        /// steady state of a sync loop).
        static func measurePoll<Platform: MockPlatform>(
            _ mock: MockPlatformServer<Platform>, sourceType: String, polls: Int
        ) async throws -> PollFigures {
            try await mock.withServer { address in
                var options = ReferenceImplementation.Options()
                options.logger = BenchEnvironment.quietLogger
                return try await ReferenceImplementation.withService(options) { service in
                    let source = try await service.connectSource(
                        owner: "user:bench", sourceType: sourceType, sourceName: "bench",
                        details: ConnectionDetails(apiToken: "tok-bench", baseUrl: address.origin))
                    _ = try await service.pollExternalSource(sourceAccount: source)
                    var seconds: [Double] = []
                    var count = 0
                    let before = mock.nextJournalSequence
                    for _ in 0..<polls {
                        let poll = try await BenchEnvironment.timed { try await service.pollExternalSource(sourceAccount: source) }
                        count = poll.result.count
                        seconds.append(poll.duration.seconds)
                    }
                    let requests = mock.nextJournalSequence - before
                    let total = seconds.reduce(0, +)
                    return PollFigures(
                        items: count, requestsPerPoll: requests / polls, median: seconds.sorted()[seconds.count / 2], minimum: seconds.min() ?? 0,
                        requestsPerSecond: Double(requests) / total, itemsPerSecond: Double(count * polls) / total)
                }
            }
        }

        /// The median of five identifyChanges over `size` raw items against `size` mappings.
        static func measureIdentify(size: Int) async throws -> (median: Double, changed: Int) {
            var options = ReferenceImplementation.Options()
            options.logger = BenchEnvironment.quietLogger
            let service = SyncService(
                connectors: ["Bench": AcceptingConnector()], idGenerator: SequentialSourceAccountIDGenerator(),
                wallTime: { Timestamp(seconds: 0) }, logger: options.logger)
            let state = try await service.connectSource(
                owner: "user:bench", sourceType: "Bench", sourceName: "bench", details: ConnectionDetails(apiToken: "t", baseUrl: "http://bench"))
            let base = Timestamp(seconds: 1_756_000_000)
            for i in 0..<size {
                try await service.recordInternalSync(sourceAccount: state, externalId: String(i), internalId: AssignmentID("a\(i)"), externalModificationTimestamp: base)
            }
            // Half unchanged, a quarter newer, a quarter new: a realistic mix, all of it looked up.
            let raw = (0..<size).map { i in
                RawExternalAssignment(
                    externalId: String(i < size * 3 / 4 ? i : size + i), details: ExternalAssignmentDetails(name: "A\(i)"),
                    externalModificationTimestamp: i < size / 2 ? base : base.advanced(bySeconds: 60))
            }
            var seconds: [Double] = []
            var changed = 0
            for _ in 0..<5 {
                let identified = try await BenchEnvironment.timed {
                    try await service.identifyChanges(sourceAccount: state, rawExternalAssignments: raw)
                }
                changed = identified.result.count
                seconds.append(identified.duration.seconds)
            }
            return (seconds.sorted()[2], changed)
        }

        static func world(courses: Int, perCourse: Int) -> CanvasWorld {
            var limit = CanvasRateLimit()
            limit.highWater = 1e12
            limit.maximum = 1e12
            var list: [CanvasCourse] = []
            for c in 0..<courses {
                var assignments: [CanvasAssignment] = []
                for a in 0..<perCourse {
                    let id = Int64(1_000_000 + c * 10_000 + a)
                    let due = Timestamp(seconds: 1_757_000_000 + Int64(a) * 3600)
                    let updated = Timestamp(seconds: 1_756_000_000 + Int64(a))
                    assignments.append(CanvasAssignment(id: id, name: "Assignment \(c)-\(a)", description: "<p>Do part \(a).</p>", dueAt: due, updatedAt: updated))
                }
                list.append(CanvasCourse(id: Int64(10_000 + c), name: "Course \(c)", enrollments: [CanvasEnrollment(user: 1)], assignments: assignments))
            }
            return CanvasWorld(rateLimit: limit, users: [CanvasUser(id: 1, name: "Bench", tokens: [CanvasToken(token: "tok-bench")])], courses: list)
        }
    }
}

/// A connector that accepts any details and has no assignments (identifyChanges needs no platform).
struct AcceptingConnector: SourceConnector {
    func validate(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) {}
    func fetch(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> FetchedAssignments { .timestamped([]) }
}

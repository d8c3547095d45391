import ArgumentParser
import ConformanceKit
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Logging
import MockCanvas
import MockServerCore

extension Conformance {
    /// `conformance bench reference`: the reference's poll through the mock, and identifyChanges scaling.
    struct ReferenceBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reference",
            abstract: "Poll 50 courses x 200 assignments through the mock; identifyChanges over 10,000 and 100,000 items.")

        @Option(help: "Courses in the polled world.")
        var courses: Int = 50

        @Option(help: "Assignments per course.")
        var perCourse: Int = 200

        @Option(help: "Polls to time (the first warms up and is not counted).")
        var polls: Int = 5

        func run() async throws {
            print("benchmark: reference implementation (machine cores \(ProcessInfo.processInfo.activeProcessorCount))")
            try await benchPoll()
            for size in [10_000, 100_000] { try await benchIdentify(size: size) }
            print("  peak RSS              \(ProcessMemory.peakResidentMegabytes.map { String(format: "%.1f MiB", $0) } ?? "n/a")")
        }

        func benchPoll() async throws {
            let canvas = MockCanvas(world: Self.world(courses: courses, perCourse: perCourse), seed: 1)
            try await canvas.withServer { address in
                var options = ReferenceImplementation.Options()
                options.logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
                try await ReferenceImplementation.withService(options) { service in
                    let source = try await service.connectSource(
                        owner: "user:bench", sourceType: ReferenceImplementation.canvasSourceType, sourceName: "bench",
                        details: ConnectionDetails(apiToken: "tok-bench", baseUrl: address.origin))
                    _ = try await service.pollExternalSource(sourceAccount: source)
                    var seconds: [Double] = []
                    var count = 0
                    let before = canvas.nextJournalSequence
                    for _ in 0..<polls {
                        let start = ContinuousClock.now
                        count = try await service.pollExternalSource(sourceAccount: source).count
                        seconds.append((ContinuousClock.now - start).seconds)
                    }
                    let requests = canvas.nextJournalSequence - before
                    let total = seconds.reduce(0, +)
                    print("""
                          poll                  \(courses) courses x \(perCourse) assignments = \(count) items, \(requests / polls) requests per poll
                          poll wall time        median \(String(format: "%.3f", seconds.sorted()[seconds.count / 2])) s, min \(String(format: "%.3f", seconds.min() ?? 0)) s
                          requests/s            \(String(format: "%.0f", Double(requests) / total))
                          assignments/s         \(String(format: "%.0f", Double(count * polls) / total))
                        """)
                }
            }
        }

        func benchIdentify(size: Int) async throws {
            var options = ReferenceImplementation.Options()
            options.logger = Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
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
                let start = ContinuousClock.now
                changed = try await service.identifyChanges(sourceAccount: state, rawExternalAssignments: raw).count
                seconds.append((ContinuousClock.now - start).seconds)
            }
            let median = seconds.sorted()[2]
            print("  identifyChanges       \(size) raw vs \(size) mappings: median \(String(format: "%.4f", median)) s (\(String(format: "%.2f", median * 1e6 / Double(size))) µs/item), \(changed) to process")
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
    func fetchAssignments(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> [RawExternalAssignment] { [] }
}

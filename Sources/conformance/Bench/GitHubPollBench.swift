import ArgumentParser
import ConformanceKit
import ReferenceHarness
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Logging
import MockGitHubClassroom
import MockServerCore
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance bench github-poll`: the reference's GitHub Classroom poll through the mock over
    /// loopback (classrooms × assignments, every item fingerprinted and stamped through the ledger).
    struct GitHubPollBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "github-poll",
            abstract: "Poll 20 classrooms x 100 assignments of the mock GitHub Classroom through the reference connector.",
            discussion: "Examples:\n  conformance bench github-poll\n  conformance bench github-poll --classrooms 50 --per-classroom 300 --polls 10")

        @Option(help: "Classrooms in the polled world.")
        var classrooms: Int = 20

        @Option(help: "Assignments per classroom.")
        var perClassroom: Int = 100

        @Option(help: "Polls to time (a first one warms up and is not counted).")
        var polls: Int = 5

        func validate() throws {
            guard classrooms > 0, perClassroom >= 0, polls > 0 else { throw ValidationError("--classrooms and --polls must be positive") }
        }

        func run() async throws {
            print("benchmark: reference GitHub Classroom poll (machine cores \(BenchEnvironment.machineCores))")
            let poll = try await Self.measurePoll(classrooms: classrooms, perClassroom: perClassroom, polls: polls)
            print("""
                  poll                  \(classrooms) classrooms x \(perClassroom) assignments = \(poll.items) items, \(poll.requestsPerPoll) requests per poll
                  poll wall time        median \(String(format: "%.4f", poll.median)) s, min \(String(format: "%.4f", poll.minimum)) s
                  requests/s            \(String(format: "%.0f", poll.requestsPerSecond))
                  assignments/s         \(String(format: "%.0f", poll.itemsPerSecond))
                  peak RSS              \(BenchEnvironment.peakMemory)
                """)
        }

        /// Polls a world of `classrooms` × `perClassroom` through the reference `polls` times (after
        /// one warm-up poll, which also fills the source's ledger, so the timed polls see unchanged
        /// content: the steady state of a sync loop).
        static func measurePoll(classrooms: Int, perClassroom: Int, polls: Int) async throws -> ReferenceBench.PollFigures {
            try await ReferenceBench.measurePoll(
                MockGitHubClassroom(world: world(classrooms: classrooms, perClassroom: perClassroom), seed: 1),
                sourceType: ReferenceImplementation.gitHubClassroomSourceType, polls: polls)
        }

        /// One admin (`bench`, token `tok-bench`) of `classrooms` classrooms with `perClassroom`
        /// assignments each (titles and deadlines set), with limits no benchmark reaches.
        static func world(classrooms: Int, perClassroom: Int) -> GitHubClassroomWorld {
            var rooms: [GitHubClassroom] = []
            var assignments: [GitHubClassroomAssignment] = []
            for c in 0..<classrooms {
                let classroom = Int64(7000 + c)
                rooms.append(GitHubClassroom(id: classroom, name: "Classroom \(c)", admins: ["bench"]))
                for a in 0..<perClassroom {
                    assignments.append(GitHubClassroomAssignment(
                        id: Int64(1_000_000 + c * 10_000 + a), classroom: classroom, title: "Assignment \(c)-\(a)",
                        deadline: Timestamp(seconds: 1_757_000_000 + Int64(a) * 3600), accepted: a % 30))
                }
            }
            return GitHubClassroomWorld(
                rateLimit: GitHubRateLimit(limit: 1_000_000_000, secondaryPointsPerMinute: 1_000_000_000),
                users: [GitHubUser(id: 1, login: "bench", name: "Bench Teacher", tokens: [PlatformToken(token: "tok-bench")])],
                classrooms: rooms, assignments: assignments)
        }
    }
}

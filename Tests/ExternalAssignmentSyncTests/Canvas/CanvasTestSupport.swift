import AsyncHTTPClient
import ExternalAssignmentSync
import Foundation
import KitTestSupport
import KitPrimitives
import Logging
import MockCanvas
import MockServerCore

/// Runs `body` with a mock Canvas on loopback and a connector pointed at it.
func withCanvasConnector<R: Sendable>(
    world: CanvasWorld? = nil,
    configure: (inout CanvasConnector.Configuration) -> Void = { _ in },
    sleeper: RecordingSleeper = RecordingSleeper(),
    _ body: (MockCanvas, CanvasConnector, String) async throws -> R
) async throws -> R {
    let world = try world ?? CanvasWorld.load(contentsOf: CanvasFixtures.packageRoot + "/Scenarios/worlds/basic.yaml")
    var configuration = CanvasConnector.Configuration()
    configuration.requestTimeout = HealthyTimeouts.platformRequest
    configure(&configuration)
    return try await withConnectorHTTPClient { client in
        try await MockCanvas.withRunning(world: world, seed: 5) { canvas, address in
            try await body(canvas, CanvasConnector(client: client, configuration: configuration, sleeper: sleeper), address.origin)
        }
    }
}

enum CanvasFixtures {
    static let packageRoot: String = PackageRoot.path

    static let logger = Logger(label: "canvas-connector-tests")

    static func details(_ token: String = "tok-alice", _ origin: String) -> ConnectionDetails {
        ConnectionDetails(apiToken: token, baseUrl: origin)
    }

    /// A world with one student in `courses` courses of `perCourse` assignments each.
    static func world(courses: Int, perCourse: Int, style: TimestampStyle = .utc) -> CanvasWorld {
        var list: [CanvasCourse] = []
        for c in 0..<courses {
            let assignments = (0..<perCourse).map { a in
                CanvasAssignment(
                    id: Int64(100_000 + c * 1000 + a), name: "C\(c) A\(a)", description: a % 3 == 0 ? nil : "<p>\(a)</p>",
                    dueAt: a % 4 == 0 ? nil : Timestamp(seconds: 1_757_000_000 + Int64(a) * 3600),
                    updatedAt: Timestamp(seconds: 1_756_000_000 + Int64(a)))
            }
            list.append(CanvasCourse(id: Int64(5000 + c), name: "Course \(c)", enrollments: [CanvasEnrollment(user: 1)], assignments: assignments))
        }
        return CanvasWorld(
            timestampStyle: style,
            users: [CanvasUser(id: 1, name: "Student", tokens: [CanvasToken(token: "tok-alice")])], courses: list)
    }
}

extension SyncError {
    /// The error a typed-throwing call threw, for `#expect`.
    static func caught(_ body: () async throws -> Void) async -> SyncError? {
        do {
            try await body()
            return nil
        } catch let error as SyncError {
            return error
        } catch {
            return SyncError(code: .init(rawValue: "UnexpectedError"), message: "\(error)")
        }
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// One validate or poll against one Canvas: the base URL, the token, one deadline, and what the last
/// responses said about the rate-limit bucket.
struct CanvasSession: PlatformSession {
    static let platform = "Canvas"
    let call: PlatformCall
    let connector: CanvasConnector
    let bucket = RateLimitObservation()

    init(details: ConnectionDetails, connector: CanvasConnector, phase: PlatformPhase, logger: Logger) throws(SyncError) {
        self.connector = connector
        call = try PlatformCall(
            details: details, phase: phase, logger: logger, client: connector.client,
            headers: [
                ("Authorization", "Bearer " + details.apiToken),
                ("Accept", connector.configuration.stringIDs ? "application/json+canvas-string-ids" : "application/json"),
                ("User-Agent", "ExternalAssignmentSync-reference/0.1"),
            ],
            configuration: connector.configuration)
    }

    func notPlatform(_ reason: String) -> SyncError { CanvasErrorMapping.notCanvas(reason, phase: phase) }

    /// Every assignment in every active course, each externalId once (newest `updated_at` wins).
    func fetchAllAssignments() async throws(SyncError) -> [RawExternalAssignment] {
        let courses = try await allPages(base.url("/api/v1/courses?enrollment_state=active&per_page=\(connector.configuration.perPage)"), as: PlatformObjectPayload<CanvasID>.self)
        var courseIDs: [String] = []
        var seenCourses = Set<String>()
        for course in courses where seenCourses.insert(course.id.text).inserted { courseIDs.append(course.id.text) }
        let perCourse = try await assignmentsByCourse(courseIDs)
        var order: [String] = []
        var newest: [String: RawExternalAssignment] = [:]
        for payload in perCourse.joined() {
            let raw = try payload.raw()
            if let existing = newest[raw.externalId] {
                if raw.externalModificationTimestamp > existing.externalModificationTimestamp { newest[raw.externalId] = raw }
            } else {
                newest[raw.externalId] = raw
                order.append(raw.externalId)
            }
        }
        return order.map { newest[$0]! }
    }

    /// Each course's assignments, in course order, fetched a few courses at a time.
    private func assignmentsByCourse(_ courseIDs: [String]) async throws(SyncError) -> [[CanvasAssignmentPayload]] {
        let perPage = connector.configuration.perPage
        let width = max(1, connector.configuration.maxConcurrentCourses)
        do {
            return try await withThrowingTaskGroup(of: (Int, [CanvasAssignmentPayload]).self) { group in
                var results = [[CanvasAssignmentPayload]](repeating: [], count: courseIDs.count)
                var next = 0
                var running = 0
                while next < courseIDs.count || running > 0 {
                    // Fill the window; one course at a time while the bucket is low.
                    let window = bucket.isLow(below: connector.configuration.slowdownBelow) ? 1 : width
                    while next < courseIDs.count, running < window {
                        let index = next
                        let url = base.url("/api/v1/courses/\(courseIDs[index])/assignments?per_page=\(perPage)")
                        group.addTask { (index, try await self.allPages(url, as: CanvasAssignmentPayload.self)) }
                        next += 1
                        running += 1
                    }
                    guard let (index, items) = try await group.next() else { break }
                    results[index] = items
                    running -= 1
                }
                return results
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(code: .networkError, message: "the poll was interrupted (\(type(of: error)))")
        }
    }

    /// One JSON document (users/self).
    func getJSON(path: String) async throws(SyncError) -> JSONDocument {
        let response = try await get(base.url(path))
        return try decode(JSONDocument.self, response)
    }
}

/// The last `X-Rate-Limit-Remaining` Canvas reported during one call.
final class RateLimitObservation: Sendable {
    private let remaining = Mutex<Double?>(nil)

    func record(_ value: Double) { remaining.withLock { $0 = value } }

    var current: Double? { remaining.withLock { $0 } }

    func isLow(below threshold: Double) -> Bool { current.map { $0 < threshold } ?? false }
}

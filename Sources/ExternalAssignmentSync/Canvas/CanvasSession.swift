import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// One validate or poll against one Canvas: the base URL, the token, one deadline, and what the last
/// responses said about the rate-limit bucket.
struct CanvasSession: Sendable {
    let base: PlatformBaseURL
    let token: String
    let phase: CanvasErrorMapping.Phase
    let deadline: NIODeadline
    let connector: CanvasConnector
    let logger: Logger
    let bucket = RateLimitObservation()

    init(details: ConnectionDetails, connector: CanvasConnector, phase: CanvasErrorMapping.Phase, logger: Logger) throws(SyncError) {
        guard let base = PlatformBaseURL(details.baseUrl) else {
            throw phase == .connect
                ? SyncError(code: .invalidCredentialsError, message: "baseUrl is not an absolute http(s) URL")
                : SyncError(code: .sourceConnectionError, message: "baseUrl is not an absolute http(s) URL")
        }
        guard !details.apiToken.isEmpty else {
            throw phase == .connect
                ? SyncError(code: .invalidCredentialsError, message: "apiToken is empty")
                : SyncError(code: .sourceConnectionError, message: "apiToken is empty")
        }
        self.base = base
        self.token = details.apiToken
        self.phase = phase
        self.connector = connector
        self.logger = logger
        deadline = .now() + TimeAmount(connector.configuration.totalTimeout)
    }

    /// Every assignment in every active course, each externalId once (newest `updated_at` wins).
    func fetchAllAssignments() async throws(SyncError) -> [RawExternalAssignment] {
        let courses = try await allPages(base.url("/api/v1/courses?enrollment_state=active&per_page=\(connector.configuration.perPage)"), as: CanvasIDPayload.self)
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

    /// The items of every page of a list, following `Link: rel="next"` on the base URL's origin.
    func allPages<Item: Decodable>(_ firstURL: String, as: Item.Type) async throws(SyncError) -> [Item] {
        var items: [Item] = []
        var url: String? = firstURL
        var visited = Set<String>()
        while let current = url {
            guard visited.insert(current).inserted, visited.count <= connector.configuration.maxPages else {
                throw SyncError(code: .networkError, message: "Canvas pagination does not end (a Link loops or exceeds \(connector.configuration.maxPages) pages)")
            }
            let response = try await get(current)
            items += try decode([Item].self, response)
            url = nil
            if let link = response.headers.first(name: "link"), let next = LinkHeader.url(rel: "next", in: link) {
                guard PlatformBaseURL.origin(of: next) == base.origin else {
                    throw phase == .connect
                        ? SyncError(code: .networkError, message: "Canvas linked the next page to another origin; the token was not sent there")
                        : SyncError(code: .sourceConnectionError, message: "Canvas linked the next page to another origin; the token was not sent there")
                }
                url = next
            }
        }
        return items
    }

    /// One JSON document (users/self).
    func getJSON(path: String) async throws(SyncError) -> JSONDocument {
        let response = try await get(base.url(path))
        return try decode(JSONDocument.self, response)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: PlatformResponse) throws(SyncError) -> T {
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        guard contentType.contains("json") else {
            throw CanvasErrorMapping.notCanvas("answered \(response.status) with \(contentType.isEmpty ? "no content type" : contentType) instead of JSON", phase: phase)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
        } catch {
            throw SyncError(code: .networkError, message: "Canvas sent a malformed or truncated JSON body (\(response.body.readableBytes) bytes)")
        }
    }
}

/// The last `X-Rate-Limit-Remaining` Canvas reported during one call.
final class RateLimitObservation: Sendable {
    private let remaining = Mutex<Double?>(nil)

    func record(_ value: Double) { remaining.withLock { $0 = value } }

    var current: Double? { remaining.withLock { $0 } }

    func isLow(below threshold: Double) -> Bool { current.map { $0 < threshold } ?? false }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One validate or poll against one GitHub: the base URL, the token, one deadline.
struct GitHubClassroomSession: Sendable {
    let base: PlatformBaseURL
    let token: String
    let phase: GitHubClassroomErrorMapping.Phase
    let deadline: NIODeadline
    let connector: GitHubClassroomConnector
    let logger: Logger

    init(
        details: ConnectionDetails, connector: GitHubClassroomConnector, phase: GitHubClassroomErrorMapping.Phase, logger: Logger
    ) throws(SyncError) {
        let code: SyncError.Code = phase == .connect ? .invalidCredentialsError : .sourceConnectionError
        guard let base = PlatformBaseURL(details.baseUrl) else {
            throw SyncError(code: code, message: "baseUrl is not an absolute http(s) URL")
        }
        guard !details.apiToken.isEmpty else { throw SyncError(code: code, message: "apiToken is empty") }
        self.base = base
        self.token = details.apiToken
        self.phase = phase
        self.connector = connector
        self.logger = logger
        deadline = .now() + TimeAmount(connector.configuration.totalTimeout)
    }

    /// Checks `GET /user` answers a GitHub user.
    func checkUser() async throws(SyncError) {
        let response = try await get(base.url("/user"))
        let body = try decode(JSONDocument.self, response)
        guard case .object = body, (try? JSONDecoder().decode(GitHubUserPayload.self, from: Data(response.body.readableBytesView))) != nil else {
            throw GitHubClassroomErrorMapping.notGitHub("answered /user without a GitHub user", phase: phase)
        }
    }

    /// Every assignment of every listed classroom, in classroom then page order (repeats included:
    /// the core keeps each externalId once).
    func fetchAllAssignments() async throws(SyncError) -> [FingerprintedAssignment] {
        let perPage = connector.configuration.perPage
        let classrooms = try await allPages(base.url("/classrooms?per_page=\(perPage)"), as: GitHubClassroomPayload.self)
        var seen = Set<String>()
        var assignments: [FingerprintedAssignment] = []
        for classroom in classrooms where seen.insert(classroom.id.text).inserted {
            let url = base.url("/classrooms/\(classroom.id.text)/assignments?per_page=\(perPage)")
            for payload in try await allPages(url, as: GitHubAssignmentPayload.self) {
                assignments.append(try payload.fingerprinted())
            }
        }
        logger.debug("GitHub Classroom listed", metadata: ["classrooms": "\(seen.count)", "assignments": "\(assignments.count)"])
        return assignments
    }

    /// The items of every page of a list, following `Link: rel="next"` on the base URL's origin.
    func allPages<Item: Decodable>(_ firstURL: String, as: Item.Type) async throws(SyncError) -> [Item] {
        var items: [Item] = []
        var url: String? = firstURL
        var visited = Set<String>()
        while let current = url {
            guard visited.insert(current).inserted, visited.count <= connector.configuration.maxPages else {
                throw SyncError(
                    code: .networkError,
                    message: "GitHub pagination does not end (a Link loops or exceeds \(connector.configuration.maxPages) pages)")
            }
            let response = try await get(current)
            items += try decode([Item].self, response)
            url = nil
            if let link = response.headers.first(name: "link"), let next = LinkHeader.url(rel: "next", in: link) {
                guard PlatformBaseURL.origin(of: next) == base.origin else {
                    throw GitHubClassroomErrorMapping.crossOrigin("linked the next page", phase: phase)
                }
                url = next
            }
        }
        return items
    }

    /// `T` from a JSON answer: anything but JSON is not GitHub; broken JSON is a `NetworkError`.
    func decode<T: Decodable>(_ type: T.Type, _ response: PlatformResponse) throws(SyncError) -> T {
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        guard contentType.contains("json") else {
            let what = contentType.isEmpty ? "no content type" : contentType
            throw GitHubClassroomErrorMapping.notGitHub("answered \(response.status) with \(what) instead of JSON", phase: phase)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
        } catch {
            throw SyncError(code: .networkError, message: "GitHub sent a malformed or truncated JSON body (\(response.body.readableBytes) bytes)")
        }
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One validate or poll against one GitHub: the base URL, the token, one deadline.
struct GitHubClassroomSession: PlatformSession {
    static let platform = "GitHub"
    let call: PlatformCall
    let connector: GitHubClassroomConnector

    init(details: ConnectionDetails, connector: GitHubClassroomConnector, phase: PlatformPhase, logger: Logger) throws(SyncError) {
        self.connector = connector
        call = try PlatformCall(
            details: details, phase: phase, logger: logger, client: connector.client,
            headers: [
                ("Accept", "application/vnd.github+json"), ("Authorization", "Bearer " + details.apiToken),
                ("X-GitHub-Api-Version", "2022-11-28"), ("User-Agent", connector.configuration.userAgent),
            ],
            configuration: connector.configuration)
    }

    func notPlatform(_ reason: String) -> SyncError { GitHubClassroomErrorMapping.notGitHub(reason, phase: phase) }

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
        // A `simple-classroom`: only its id is read (an archived classroom's assignments are still
        // the teacher's, and still listed).
        let classrooms = try await allPages(base.url("/classrooms?per_page=\(perPage)"), as: PlatformObjectPayload<GitHubID>.self)
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
}

import AsyncHTTPClient
import ConceptValues
import Foundation
import KitPrimitives
import NIOCore
import NIOHTTP1
import ConformanceKit
import PropertyChecker

/// The gallery mutant's own, compact GitHub Classroom client on AsyncHTTPClient (independent of the
/// reference's connector): `GET /user` to validate, then every classroom's assignments page by page
/// (`per_page=10`, following `link: rel="next"`), as fingerprinted items (`name` = title,
/// `description` = null, `dueDate` = deadline) that ``MutantImplementation`` stamps through its own
/// per-source record of what its last successful poll returned.
package struct MutantGitHubClient: Sendable {
    package typealias Failure = MutantPaging.Failure
    package let http: HTTPClient
    package let bug: MutantBug
    /// How long one platform request may take.
    package let timeout: TimeAmount
    /// Page size asked for (small, so pagination is exercised).
    package static let perPage = 10

    package typealias PageFailure = MutantPaging.PageFailure<Item>

    /// Checks the details with `GET /user`.
    package func validate(_ details: ConnectionDetails) async -> Failure? {
        switch await get(details.baseUrl + "/user", token: details.apiToken, poll: false) {
        case .success(let (body, _)):
            guard let user = try? JSONDecoder().decode(User.self, from: body), !user.login.isEmpty else {
                return Failure(name: "NetworkError", message: "GitHub sent a malformed /user")
            }
            return nil
        case .failure(let failure):
            return failure
        }
    }

    /// Every assignment of every classroom the token administers, unstamped (repeated ids kept: the
    /// ledger keeps the last), or a failure (partial lists for the partial-list mutant).
    package func fetch(_ details: ConnectionDetails) async -> Result<[FingerprintedAssignment], Failure> {
        let classrooms: [Item]
        switch await pages(details.baseUrl + "/classrooms?per_page=\(Self.perPage)", details: details, firstOnly: false) {
        case .success(let items): classrooms = items
        case .failure(let failure): return .failure(failure.failure)
        }
        var assignments: [FingerprintedAssignment] = []
        for classroom in classrooms {
            let url = details.baseUrl + "/classrooms/\(classroom.id)/assignments?per_page=\(Self.perPage)"
            switch await pages(url, details: details, firstOnly: bug == .onlyFirstPage) {
            case .success(let items):
                assignments += items.map(\.fingerprinted)
            case .failure(let pageFailure):
                if bug == .partialListOnPageFailure, !pageFailure.partial.isEmpty || !assignments.isEmpty {
                    return .success(assignments + pageFailure.partial.map(\.fingerprinted))
                }
                return .failure(pageFailure.failure)
            }
        }
        return .success(assignments)
    }

    /// The items of every page of a list (or the first page only), or the failure with the items before it.
    private func pages(_ first: String, details: ConnectionDetails, firstOnly: Bool) async -> Result<[Item], PageFailure> {
        await MutantPaging.pages(from: first, baseUrl: details.baseUrl, platform: "GitHub", firstOnly: firstOnly, anyOrigin: bug == .nextLinkLeavesOrigin) { await get($0, token: details.apiToken, poll: true) }
    }

    /// One GET: the body and `link` header of a 2xx JSON answer, or the mapped failure (interpretation 6,
    /// Scenarios/README.md; GitHub's way: a rate limit is 403 or 429 naming it, or with `x-ratelimit-remaining: 0`).
    private func get(_ url: String, token: String, poll: Bool) async -> Result<(Data, String?), Failure> {
        let request = MutantRequest(http: http, timeout: timeout, bug: bug, platform: "GitHub") { headers, text in
            headers.first(name: "x-ratelimit-remaining") == "0" || text.lowercased().contains("rate limit")
        }
        let headers = [
            ("Authorization", "Bearer " + token), ("Accept", "application/vnd.github+json"),
            ("X-GitHub-Api-Version", "2022-11-28"), ("User-Agent", "eas-bug-gallery"),
        ]
        return await request.get(url, headers: headers, poll: poll)
    }

    /// The `/user` answer, as far as the mutant reads it.
    package struct User: Decodable {
        let login: String
    }

    /// A classroom or an assignment, as far as the mutant reads it.
    package struct Item: Decodable {
        let id: Int64
        let title: String?
        let deadline: String?

        var fingerprinted: FingerprintedAssignment {
            FingerprintedAssignment(
                externalId: String(id), details: ExternalAssignmentDetails(name: title ?? "", description: nil, dueDate: deadline.flatMap(Timestamp.parse)))
        }
    }
}

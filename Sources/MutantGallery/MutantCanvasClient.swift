import AsyncHTTPClient
import ConceptValues
import Foundation
import KitPrimitives
import NIOCore
import NIOHTTP1
import ConformanceKit
import PropertyChecker

/// The gallery mutant's own, compact Canvas client on AsyncHTTPClient (independent of the
/// reference's connector): `users/self` to validate, then every active course's assignments page
/// by page (`per_page=10`, following `Link: rel="next"`), mapped as the spec's Canvas mapping.
package struct MutantCanvasClient: Sendable {
    package let http: HTTPClient
    package let bug: MutantBug
    /// How long one platform request may take.
    package let timeout: TimeAmount
    /// Page size asked for (small, so pagination is exercised).
    package static let perPage = 10

    package typealias Failure = MutantPaging.Failure
    package typealias PageFailure = MutantPaging.PageFailure<Item>

    package enum Phase { case connect, poll }

    /// Checks the details with `users/self`.
    package func validate(_ details: ConnectionDetails) async -> Failure? {
        switch await get(details.baseUrl + "/api/v1/users/self", token: details.apiToken, phase: .connect) {
        case .success(let (body, _)):
            guard let user = try? JSONDecoder().decode(User.self, from: body) else {
                return Failure(name: "NetworkError", message: "Canvas sent a malformed users/self")
            }
            return user.id.text.isEmpty ? Failure(name: "InvalidCredentialsError", message: "users/self has no id") : nil
        case .failure(let failure):
            return failure
        }
    }

    /// Every assignment the token sees, or a failure (with the items read before it, for the
    /// partial-list mutant).
    package func fetch(_ details: ConnectionDetails) async -> Result<[RawExternalAssignment], Failure> {
        var courses: [Item] = []
        switch await pages(details.baseUrl + "/api/v1/courses?enrollment_state=active&per_page=\(Self.perPage)", details: details, firstOnly: false) {
        case .success(let items): courses = items
        case .failure(let failure): return .failure(failure.failure)
        }
        var raw: [RawExternalAssignment] = []
        for course in courses {
            let courseID = bug == .idsThroughDouble ? Self.throughDouble(course.id.text) : course.id.text
            let url = details.baseUrl + "/api/v1/courses/\(courseID)/assignments?per_page=\(Self.perPage)"
            switch await pages(url, details: details, firstOnly: bug == .onlyFirstPage) {
            case .success(let items):
                for item in items {
                    guard var assignment = item.raw() else { return .failure(Failure(name: "NetworkError", message: "an assignment has no valid updated_at")) }
                    if bug == .idsThroughDouble { assignment.externalId = Self.throughDouble(assignment.externalId) }
                    raw.append(assignment)
                }
            case .failure(let pageFailure):
                let (failure, partial) = (pageFailure.failure, pageFailure.partial)
                if bug == .partialListOnPageFailure, !partial.isEmpty || !raw.isEmpty {
                    return .success(raw + partial.compactMap { $0.raw() })
                }
                return .failure(failure)
            }
        }
        if bug == .repeatedExternalIdKeptTwice { return .success(raw) }
        var newest: [String: Int] = [:]
        var unique: [RawExternalAssignment] = []
        for item in raw {
            if let index = newest[item.externalId] {
                if item.externalModificationTimestamp > unique[index].externalModificationTimestamp { unique[index] = item }
            } else {
                newest[item.externalId] = unique.count
                unique.append(item)
            }
        }
        return .success(unique)
    }

    /// The items of every page of a list (or the first page only), or the failure with the items before it.
    private func pages(_ first: String, details: ConnectionDetails, firstOnly: Bool) async -> Result<[Item], PageFailure> {
        await MutantPaging.pages(from: first, baseUrl: details.baseUrl, platform: "Canvas", firstOnly: firstOnly, anyOrigin: bug == .nextLinkLeavesOrigin) { await get($0, token: details.apiToken, phase: .poll) }
    }

    /// One GET: the body and `Link` header of a 2xx JSON answer, or the mapped failure (interpretation 6, Scenarios/README.md;
    /// Canvas's way: a rate limit is 429, or 403 saying `Rate Limit Exceeded`).
    private func get(_ url: String, token: String, phase: Phase) async -> Result<(Data, String?), Failure> {
        let request = MutantRequest(http: http, timeout: timeout, bug: bug, platform: "Canvas") { _, text in text.contains("Rate Limit Exceeded") }
        return await request.get(url, headers: [("Authorization", "Bearer " + token), ("Accept", "application/json")], poll: phase == .poll)
    }

    /// What a client that parses JSON numbers as doubles makes of an integer id: exact up to 2^53,
    /// the nearest double above it, printed as a whole number.
    package static func throughDouble(_ id: String) -> String {
        guard let value = Double(id) else { return id }
        return String(format: "%.0f", value)
    }

    /// The `users/self` answer, as far as the mutant reads it.
    package struct User: Decodable {
        let id: Item.ID
    }

    /// A course or an assignment, as far as the mutant reads it.
    package struct Item: Decodable {
        struct ID: Decodable {
            let text: String
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let number = try? c.decode(Int64.self) {
                    text = String(number)
                } else {
                    text = try c.decode(String.self)
                }
            }
        }

        let id: ID
        let name: String?
        let description: String?
        let due_at: String?
        let updated_at: String?

        func raw() -> RawExternalAssignment? {
            guard let updated = updated_at.flatMap(Timestamp.parse) else { return nil }
            return RawExternalAssignment(
                externalId: id.text, details: ExternalAssignmentDetails(name: name ?? "", description: description, dueDate: due_at.flatMap(Timestamp.parse)),
                externalModificationTimestamp: updated)
        }
    }
}

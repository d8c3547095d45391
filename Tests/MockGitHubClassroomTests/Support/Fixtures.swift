import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import NIOCore

/// Shared fixtures: the repository's GitHub Classroom world files and a raw-HTTP session with a mock.
enum Fixtures {
    /// `Scenarios/worlds/github-classroom/<name>.yaml`.
    static func world(_ name: String = "basic") throws -> GitHubClassroomWorld {
        try GitHubClassroomWorld.load(contentsOf: PackageRoot.path + "/Scenarios/worlds/github-classroom/\(name).yaml")
    }

    /// The `Host` every test request sends, so bytes compare across ports.
    static let host = "api.github.test"

    /// Runs `body` against a mock on loopback, with one keep-alive connection to it.
    static func withMock<R: Sendable>(
        world: GitHubClassroomWorld? = nil, seed: UInt64 = 1, _ body: (MockGitHubClassroom, GitHubSession) async throws -> R
    ) async throws -> R {
        let world = try world ?? Fixtures.world()
        return try await MockGitHubClassroom.withRunning(world: world, seed: seed) { mock, address in
            let client = try await LoopbackClient.connect(port: address.port)
            let result = try await body(mock, GitHubSession(client: client))
            await client.close()
            return result
        }
    }
}

/// A raw HTTP/1.1 session with a mock: requests as GitHub clients send them.
struct GitHubSession: Sendable {
    let client: LoopbackClient

    /// A `GET` with `Authorization: <scheme> <token>` (none when `token` is nil) and GitHub's usual headers.
    func get(
        _ target: String, token: String? = "tok-alice", scheme: String = "Bearer", headers: [(String, String)] = []
    ) async throws -> LoopbackClient.Response {
        var all = [("Accept", "application/vnd.github+json"), ("User-Agent", "eas-tests"), ("X-GitHub-Api-Version", "2022-11-28")]
        if let token { all.append(("Authorization", "\(scheme) \(token)")) }
        try await client.get(target, headers: all + headers, host: Fixtures.host)
        return try await client.readResponse()
    }

    /// A control call: `POST /__mock/<command>` with a JSON body.
    @discardableResult
    func control(_ command: String, _ body: String = "{}") async throws -> LoopbackClient.Response {
        try await client.send(LoopbackClient.request("POST", "/__mock/\(command)", host: Fixtures.host, body: body))
        return try await client.readResponse()
    }

    /// A control read: `GET /__mock/<name>`.
    func inspect(_ name: String) async throws -> LoopbackClient.Response {
        try await client.get("/__mock/\(name)", host: Fixtures.host)
        return try await client.readResponse()
    }
}

extension LoopbackClient.Response {
    /// The body parsed as JSON.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) }

    /// The body as a JSON object.
    var object: [String: Any] { json as? [String: Any] ?? [:] }

    /// The `id`s of a JSON array body.
    var ids: [Int64] { (json as? [[String: Any]])?.compactMap { ($0["id"] as? NSNumber)?.int64Value } ?? [] }

    /// `rel` → URL from the `link` header, in order.
    var links: [(rel: String, url: String)] {
        guard let link = header("link") else { return [] }
        return link.components(separatedBy: ", ").compactMap { part in
            guard let close = part.firstIndex(of: ">"), part.hasPrefix("<") else { return nil }
            let url = String(part[part.index(after: part.startIndex)..<close])
            let rel = part[close...].components(separatedBy: "rel=\"").last?.dropLast() ?? ""
            return (String(rel), url)
        }
    }

    /// An `x-ratelimit-*` header as an integer.
    func rate(_ name: String) -> Int64? { header("x-ratelimit-" + name).flatMap { Int64($0) } }
}

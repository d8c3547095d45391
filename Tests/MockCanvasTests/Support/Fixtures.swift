import Foundation
import KitTestSupport
import KitPrimitives
import MockCanvas
import MockServerCore
import NIOCore
import NIOHTTP1

/// Shared fixtures: the repository's world files and in-process requests.
enum Fixtures {
    /// The package root (found from this file's path).
    static let packageRoot: String = PackageRoot.path

    /// `Scenarios/worlds/basic.yaml`.
    static func basicWorld() throws -> CanvasWorld {
        try CanvasWorld.load(contentsOf: packageRoot + "/Scenarios/worlds/basic.yaml")
    }

    /// A world with one student in one course holding `count` assignments (ids 1...count).
    static func bigCourse(count: Int, token: String = "tok") -> CanvasWorld {
        let assignments = (1...max(1, count)).map { i in
            CanvasAssignment(id: Int64(i), name: "A\(i)", dueAt: Timestamp(seconds: 1_757_000_000 + Int64(i) * 3600), updatedAt: Timestamp(seconds: 1_756_000_000))
        }
        return CanvasWorld(
            users: [CanvasUser(id: 1, name: "Student One", tokens: [CanvasToken(token: token)])],
            courses: [CanvasCourse(id: 10, name: "Course", enrollments: [CanvasEnrollment(user: 1)], assignments: count == 0 ? [] : assignments)])
    }

    /// An in-process GET with a bearer token and a fixed host.
    static func get(_ target: String, token: String? = "tok-alice", headers: [(String, String)] = []) -> MockRequest {
        var h = HTTPHeaders([("Host", "canvas.test")])
        if let token { h.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { h.add(name: name, value: value) }
        return MockRequest(method: "GET", uri: target, headers: h)
    }

    /// An in-process POST to the admin API.
    static func admin(_ command: String, _ body: String = "") -> MockRequest {
        MockRequest(method: "POST", uri: "/__mock/\(command)", headers: HTTPHeaders([("Host", "canvas.test")]), body: ByteBuffer(string: body))
    }
}

extension MockCanvas {
    /// The response to an in-process request (faults with transport effects are not applied here).
    func response(_ request: MockRequest) -> MockResponse { handle(request).response }
}

extension MockResponse {
    var text: String { String(buffer: body) }

    /// The body parsed as JSON.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView), options: [.fragmentsAllowed]) }

    /// The `id`s of a JSON array body.
    var ids: [Int64] { (json as? [[String: Any]])?.compactMap { ($0["id"] as? NSNumber)?.int64Value } ?? [] }

    /// `rel` → URL from the `Link` header.
    var links: [(rel: String, url: String)] {
        guard let link = header("Link") else { return [] }
        return link.split(separator: ",").compactMap { part in
            let pieces = part.split(separator: ";")
            guard pieces.count == 2 else { return nil }
            let url = pieces[0].trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            let rel = pieces[1].replacingOccurrences(of: "rel=", with: "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return (rel, url)
        }
    }
}

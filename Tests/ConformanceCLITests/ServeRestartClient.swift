import Foundation
import KitPrimitives
import KitTestSupport
import Synchronization
import Testing

/// The concept calls the serve tests make, over raw loopback HTTP.
enum ServeClient {
    struct Mapping: Equatable {
        var externalId: String
        var internalId: String
    }

    struct UnexpectedAnswer: Error, CustomStringConvertible {
        var description: String
    }

    /// The request text of a concept call.
    static func request(_ name: String, _ body: String) -> String {
        LoopbackClient.request(
            "POST", "/api/ExternalAssignmentSync/\(name)", headers: [("Content-Type", "application/json")], body: body)
    }

    /// One call on a fresh connection; returns the answer's body.
    static func call(port: Int, _ name: String, _ body: String) async throws -> String {
        let client = try await LoopbackClient.connect(port: port)
        do {
            try await client.send(request(name, body))
            let answer = try await client.readResponse().bodyText
            await client.close()
            return answer
        } catch {
            await client.close()
            throw error
        }
    }

    /// Alice connects `name` on the mock Canvas; returns the raw answer.
    static func connectAnswer(port: Int, origin: String, name: String) async throws -> String {
        try await call(port: port, "connectSource", """
            {"owner":"user:alice","sourceType":"Canvas","sourceName":"\(name)","details":{"apiToken":"tok-alice","baseUrl":"\(origin)"}}
            """)
    }

    /// Alice connects `name`; returns the new source's id.
    static func connect(port: Int, origin: String, name: String) async throws -> String {
        let answer = try await connectAnswer(port: port, origin: origin, name: name)
        guard let object = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any], let id = object["sourceAccount"] as? String else {
            throw UnexpectedAnswer(description: "connectSource answered \(answer)")
        }
        return id
    }

    /// Every mapping of `source`, in the answer's order.
    static func assignments(port: Int, source: String) async throws -> [Mapping] {
        let answer = try await call(port: port, "_getAssignmentsForSource", #"{"sourceAccount":"\#(source)"}"#)
        guard let outer = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [[String: Any]],
            let list = outer.first?["assignments"] as? [[String: Any]]
        else { throw UnexpectedAnswer(description: "_getAssignmentsForSource answered \(answer)") }
        return try list.map {
            guard let externalId = $0["externalId"] as? String, let internalId = $0["internalAssignment"] as? String else {
                throw UnexpectedAnswer(description: "a mapping without ids: \($0)")
            }
            return Mapping(externalId: externalId, internalId: internalId)
        }
    }

    /// Records `ids` one after another on one keep-alive connection (internal id `int-<id>`), noting
    /// in `ledger` what was sent and what was answered `{}`; stops at the first call without an answer.
    static func recordMany(port: Int, source: String, ids: [String], ledger: Ledger, onAnswer: (Int) -> Void) async {
        guard let client = try? await LoopbackClient.connect(port: port) else { return }
        for id in ids {
            ledger.sent(id)
            let body = #"{"sourceAccount":"\#(source)","externalId":"\#(id)","internalId":"int-\#(id)","externalModificationTimestamp":"2025-09-01T12:00:00Z"}"#
            guard (try? await client.send(request("recordInternalSync", body))) != nil,
                let response = try? await client.readResponse(), response.status == 200, response.bodyText == "{}"
            else { break }
            onAnswer(ledger.answered(id))
        }
        await client.close()
    }
}

/// The servers of one test: the database directory, the mock Canvas's origin, the current serve process.
final class ServedFiles: Sendable {
    let directory: String
    let canvasOrigin: String
    private let running = Mutex<[BuiltBinary.Running]>([])

    init(directory: String, canvasOrigin: String) {
        self.directory = directory
        self.canvasOrigin = canvasOrigin
    }

    /// The serve process started last.
    var current: BuiltBinary.Running? { running.withLock { $0.last } }

    /// Starts `conformance serve` on the test's database; returns its port.
    func startServe(durability: String = "full") async throws -> Int {
        let serve = try BuiltBinary.Running(["serve", "--port", "0", "--store", "sqlite:\(directory)/state.sqlite", "--durability", durability, "--platform-timeout", "30"])
        running.withLock { $0.append(serve) }
        let line = try #require(await serve.firstLine(), "serve printed no base URL: \(serve.standardError)")
        return try #require(Int(line.dropLast("/api".count).split(separator: ":").last ?? ""))
    }

    /// Stops every serve process still running.
    func stopAll() async {
        for serve in running.withLock({ $0 }) where serve.process.isRunning {
            _ = await serve.stop(with: SIGTERM)
        }
    }
}

/// What a batch of calls sent, and which of them got an answer.
final class Ledger: Sendable {
    private let state = Mutex<(sent: [String], answered: [String])>(([], []))

    func sent(_ id: String) { state.withLock { $0.sent.append(id) } }

    /// Records an answer; returns how many calls have been answered so far.
    func answered(_ id: String) -> Int {
        state.withLock {
            $0.answered.append(id)
            return $0.answered.count
        }
    }

    var snapshot: (sent: [String], answered: [String]) { state.withLock { $0 } }
}

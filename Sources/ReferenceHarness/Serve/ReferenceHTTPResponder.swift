import ConformanceKit
import ExternalAssignmentSync
import KitPrimitives
import Logging
import MockServerCore
import NIOCore
import WireAdapter
import MutantGallery

/// The reference implementation over HTTP, in the strict wire contract (README, "The wire contract") and the 6.104
/// concept server's conventions: what `conformance serve` runs. It can serve any
/// ``ImplementationUnderTest`` the same way (e.g. a deliberately wrong one, to check the kit over HTTP).
///
/// | request | answer |
/// |---|---|
/// | `GET /` | 200 `text/plain` "Concept Server is running." (a health check, as the 6.104 server) |
/// | `POST {base}/ExternalAssignmentSync/{name}`, a JSON object | 200 with the result or `{"error": …}` (``WireResultEncoder``) |
/// | the same with an empty body | read as `{}` (as the 6.104 server does), so the arguments are missing |
/// | missing or mistyped arguments | 200 `{"error": "InvalidArgument: <field>: …"}` (a query: `{"error": "<field>: …"}`); nothing changes |
/// | a body that is not JSON, or not an object | 400 `{"error": "Invalid request body. Must be a JSON object."}` |
/// | another method on a route | 405 `{"error": …}` with `Allow: POST` |
/// | any other path | 404 text "404 Not Found" (as Hono) |
/// | the implementation fails (a ``HarnessError``) | 500 `{"error": "An internal server error occurred."}` |
///
/// Fields beyond the spec's arguments (e.g. `sessionToken`) are ignored. No answer carries an API
/// token: sources are written without one, and the service scrubs tokens from error messages. Logs
/// carry the route and status only.
public struct ReferenceHTTPResponder: HTTPResponder {
    /// What does the work: the reference, or any Swift implementation to be served the same way.
    public let implementation: any ImplementationUnderTest
    /// The path prefix of the routes, e.g. `/api` (no trailing slash; empty for none).
    public let basePath: String
    /// The concept's name in the routes.
    public let conceptName: String
    let logger: Logger

    /// A responder for the reference `service`, with routes `POST {basePath}/{conceptName}/{name}`.
    public init(
        service: SyncService, basePath: String = "/api", conceptName: String = "ExternalAssignmentSync",
        logger: Logger = Logger(label: "conformance.serve")
    ) {
        self.init(
            implementation: InProcessImplementation(service: service, label: "reference (served)"), basePath: basePath,
            conceptName: conceptName, logger: logger)
    }

    /// A responder that serves any `implementation` in the strict contract; a ``HarnessError`` from it
    /// becomes HTTP 500 (as an exception does on a 6.104 server).
    public init(
        implementation: any ImplementationUnderTest, basePath: String = "/api", conceptName: String = "ExternalAssignmentSync",
        logger: Logger = Logger(label: "conformance.serve")
    ) {
        self.implementation = implementation
        self.basePath = Self.normalized(basePath)
        self.conceptName = conceptName
        self.logger = logger
    }

    /// The text `GET /` answers.
    public static let healthText = "Concept Server is running."
    /// The error text of a body that is not a JSON object (the 6.104 Requesting server's words).
    public static let invalidBodyText = "Invalid request body. Must be a JSON object."
    /// The error text of an internal failure (the 6.104 concept server's words).
    public static let internalErrorText = "An internal server error occurred."

    public func respond(to request: MockRequest) async -> ResponsePlan {
        let response = await answer(request)
        logger.debug("request", metadata: ["method": "\(request.method)", "path": "\(request.path)", "status": "\(response.status)"])
        return ResponsePlan(response)
    }

    private func answer(_ request: MockRequest) async -> MockResponse {
        if request.path == "/", request.method == "GET" || request.method == "HEAD" {
            return .text(200, Self.healthText)
        }
        let prefix = basePath + "/" + conceptName + "/"
        guard request.path.hasPrefix(prefix) else { return .text(404, "404 Not Found") }
        let name = String(request.path.dropFirst(prefix.count))
        guard ConceptCall.names.contains(name) else { return .text(404, "404 Not Found") }
        guard request.method == "POST" else {
            return Self.json(405, .object([("error", .string("\(request.method) is not allowed here: use POST"))]), headers: [("Allow", "POST")])
        }
        let bytes = request.body.map { Array($0.readableBytesView) } ?? []
        let body: JSONValue
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            body = .object([])
        } else if let parsed = try? WireJSONReader.parse(bytes), case .object = parsed {
            body = parsed
        } else {
            return Self.json(400, .object([("error", .string(Self.invalidBodyText))]))
        }
        let call: ConceptCall
        do {
            call = try WireRequestDecoder.call(named: name, body: body)
        } catch {
            let text = name.hasPrefix("_") ? error.message : "\(SyncError.Code.invalidArgument): \(error.message)"
            return Self.json(200, .object([("error", .string(text))]))
        }
        switch await implementation.perform(call) {
        case .success(let result):
            return Self.json(200, WireResultEncoder.answer(for: result))
        case .failure(let failure):
            logger.error("the reference failed", metadata: ["route": "\(name)", "code": "\(failure.code)"])
            return Self.json(500, .object([("error", .string(Self.internalErrorText))]))
        }
    }

    private static func json(_ status: Int, _ value: JSONValue, headers: [(name: String, value: String)] = []) -> MockResponse {
        var bytes: [UInt8] = []
        value.write(into: &bytes, escapeHTML: false)
        return .json(status, text: String(decoding: bytes, as: UTF8.self), headers: headers)
    }

    /// `/api` from `api`, `/api/` or `/api`; empty from `/` or empty.
    public static func normalized(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        return trimmed.isEmpty ? "" : "/" + trimmed
    }
}

import ConformanceKit
import ExternalAssignmentSync
import KitPrimitives
import Logging
import MockServerCore
import NIOCore
import Synchronization
import WireAdapter
import MutantGallery

/// An implementation served the way a deployed 6.104 app serves its concepts (`conformance serve
/// --dialect 6104-app`): the target the kit's adapter file is tested against.
///
/// | request | answer |
/// |---|---|
/// | `POST {base}/UserAuthentication/register {username, password}` | `{"user": id}`, or `{"error": "Username 'x' is already taken."}` |
/// | `POST {base}/UserAuthentication/login {username, password}` | `{"session": token, "user": id}`, or `{"error": "Invalid username or password."}` |
/// | `POST {base}/ExternalAssignmentSync/{name}` with `session` in the body | the call, with `owner` and `user` taken from the session (the body's are ignored) |
/// | a query with its `_` (`_getSourcesForUser`) | 404: like many 6.104 servers, it does not expose `_` methods (`getSourcesForUser`) |
/// | no or an unknown session | `{"error": "You must be logged in."}` |
///
/// Answers are in the 6.104 dialect: free-text errors worded unlike the spec ("Invalid credentials
/// provided.", "Source account 'x' not found."), timestamps as epoch milliseconds, query results as
/// arrays of documents with `_id`.
public struct AppDialectResponder: HTTPResponder {
    public let implementation: any ImplementationUnderTest
    public let basePath: String
    let accounts = AppAccounts()
    let logger: Logger

    public init(implementation: any ImplementationUnderTest, basePath: String = "/api", logger: Logger = Logger(label: "conformance.serve-app")) {
        self.implementation = implementation
        self.basePath = ReferenceHTTPResponder.normalized(basePath)
        self.logger = logger
    }

    public func respond(to request: MockRequest) async -> ResponsePlan {
        let response = await answer(request)
        logger.debug("request", metadata: ["path": "\(request.path)", "status": "\(response.status)"])
        return ResponsePlan(response)
    }

    private func answer(_ request: MockRequest) async -> MockResponse {
        if request.path == "/", request.method == "GET" { return .text(200, ReferenceHTTPResponder.healthText) }
        guard request.path.hasPrefix(basePath + "/"), request.method == "POST" else { return .text(404, "404 Not Found") }
        let route = String(request.path.dropFirst(basePath.count + 1))
        let bytes = request.body.map { Array($0.readableBytesView) } ?? []
        guard let parsed = bytes.isEmpty ? .object([]) : try? WireJSONReader.parse(bytes), case .object = parsed else {
            return Self.json(.object([("error", .string(ReferenceHTTPResponder.invalidBodyText))]), status: 400)
        }
        switch route {
        case "UserAuthentication/register": return Self.json(accounts.register(parsed))
        case "UserAuthentication/login": return Self.json(accounts.login(parsed))
        default: break
        }
        let conceptPrefix = "ExternalAssignmentSync/"
        guard route.hasPrefix(conceptPrefix), let operation = Self.operation(exposedAs: String(route.dropFirst(conceptPrefix.count))) else {
            return .text(404, "404 Not Found")
        }
        guard case .string(let token)? = parsed["session"], let user = accounts.user(ofSession: token) else {
            return Self.json(.object([("error", .string("You must be logged in."))]))
        }
        // The app's syncs take the owner and the user from the session, whatever the body says.
        var fields: [(String, JSONValue)] = []
        if case .object(let given) = parsed { fields = given.filter { $0.0 != "owner" && $0.0 != "user" } }
        for argument in operation.arguments where argument.role == .owner || argument.role == .user { fields.append((argument.name, .string(user))) }
        let call: ConceptCall
        do {
            call = try WireRequestDecoder.call(named: operation.name, body: .object(fields))
        } catch {
            return Self.json(.object([("error", .string("Invalid request: \(error.message)"))]))
        }
        switch await implementation.perform(call) {
        case .success(let result): return Self.json(AppDialectEncoder.answer(for: result, call: call))
        case .failure: return Self.json(.object([("error", .string(ReferenceHTTPResponder.internalErrorText))]), status: 500)
        }
    }

    /// The spec's operation an app route name stands for: actions by their names, queries only
    /// without their `_`.
    static func operation(exposedAs name: String) -> ConceptVocabulary.Operation? {
        if let action = ConceptVocabulary.named(name), !action.isQuery { return action }
        guard !name.hasPrefix("_"), let query = ConceptVocabulary.named("_" + name), query.isQuery else { return nil }
        return query
    }

    static func json(_ value: JSONValue, status: Int = 200) -> MockResponse {
        var bytes: [UInt8] = []
        value.write(into: &bytes, escapeHTML: false)
        return .json(status, text: String(decoding: bytes, as: UTF8.self))
    }
}

/// The app's users and sessions (ids and tokens sequential, so runs are deterministic).
final class AppAccounts: Sendable {
    private struct State {
        var users: [String: (password: String, id: String)] = [:]
        var sessions: [String: String] = [:]
    }

    private let state = Mutex(State())

    func register(_ body: JSONValue) -> JSONValue {
        guard case .string(let name)? = body["username"], case .string(let password)? = body["password"], !name.isEmpty else {
            return .object([("error", .string("A username and a password are required."))])
        }
        return state.withLock { state in
            if state.users[name] != nil { return .object([("error", .string("Username '\(name)' is already taken."))]) }
            let id = "user-\(state.users.count + 1)"
            state.users[name] = (password, id)
            return .object([("user", .string(id))])
        }
    }

    func login(_ body: JSONValue) -> JSONValue {
        guard case .string(let name)? = body["username"], case .string(let password)? = body["password"] else {
            return .object([("error", .string("A username and a password are required."))])
        }
        return state.withLock { state in
            guard let user = state.users[name], user.password == password else {
                return .object([("error", .string("Invalid username or password."))])
            }
            let token = "session-\(state.sessions.count + 1)-\(StableHash.hex(StableHash.fnv1a64(name)).prefix(8))"
            state.sessions[token] = user.id
            return .object([("session", .string(token)), ("user", .string(user.id))])
        }
    }

    func user(ofSession token: String) -> String? { state.withLock { $0.sessions[token] } }
}

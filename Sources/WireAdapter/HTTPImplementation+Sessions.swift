import AsyncHTTPClient
import KitPrimitives
import MockServerCore
import NIOCore
import NIOHTTP1
import Synchronization
import ConformanceKit

/// What an adapter knows about the sessions of one scenario or case: each owner's session, which
/// owner each source belongs to, and the last owner addressed (for calls on sources nobody owns).
package final class SessionBook: Sendable {
    package struct Session: Sendable, Hashable {
        var token: String
        /// The app's id of the user, when the session call answered one.
        var user: String?
    }

    private struct State {
        var sessions: [String: Session] = [:]
        var sourceOwners: [String: String] = [:]
        var lastOwner: String?
        /// Sessions being made, so clients calling at once for one owner share one login.
        var making: [String: Task<Result<Session, HarnessError>, Never>] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// The session of `owner`, if one was made.
    package func session(of owner: String) -> Session? { state.withLock { $0.sessions[owner] } }

    package func store(_ session: Session, for owner: String) { state.withLock { $0.sessions[owner] = session } }

    /// The session of `owner`: the one made, else the one being made, else one `make` starts now.
    /// Every caller awaits the same task; a failure is not kept (the next call tries again).
    package func session(of owner: String, making make: @escaping @Sendable () async -> Result<Session, HarnessError>) async -> Result<Session, HarnessError> {
        let task: Task<Result<Session, HarnessError>, Never> = state.withLock { state in
            if let known = state.sessions[owner] { return Task { .success(known) } }
            if let pending = state.making[owner] { return pending }
            let started = Task { await make() }
            state.making[owner] = started
            return started
        }
        let result = await task.value
        state.withLock { state in
            if state.making[owner] == task { state.making[owner] = nil }
        }
        return result
    }

    /// Remembers that `source` belongs to `owner` (a successful connectSource).
    package func recordSource(_ source: String, owner: String) { state.withLock { $0.sourceOwners[source] = owner } }

    /// The owner whose session a call goes through: the call's owner or user, else its source's
    /// owner, else the owner addressed last (a call on a source nobody connected still needs a session).
    package func owner(for call: ConceptCall) -> String {
        state.withLock { state in
            let owner: String
            switch call {
            case .connectSource(let callOwner, _, _, _): owner = callOwner
            case .getSourcesForUser(let user): owner = user
            case .disconnectSource(let source), .pollExternalSource(let source), .identifyChanges(let source, _),
                .recordInternalSync(let source, _, _, _), .getMappedInternalId(_, let source), .getAssignmentsForSource(let source):
                owner = state.sourceOwners[source] ?? state.lastOwner ?? Self.anonymousOwner
            }
            state.lastOwner = owner
            return owner
        }
    }

    /// The owner a call on a source nobody connected goes through, before any owner was addressed.
    package static let anonymousOwner = "conformance-anonymous"
}

extension HTTPImplementation {
    /// The session `owner`'s calls carry: made once with the plan's calls (once, too, when several
    /// clients call for the owner at once), then reused.
    package func session(for owner: String, plan: SessionPlan) async -> Result<SessionBook.Session, HarnessError> {
        if let known = sessions.session(of: owner) { return .success(known) }
        return await sessions.session(of: owner) { await self.makeSession(for: owner, plan: plan) }
    }

    /// Runs the plan's session calls for `owner` and keeps the session they give.
    package func makeSession(for owner: String, plan: SessionPlan) async -> Result<SessionBook.Session, HarnessError> {
        var token: String?
        var user: String?
        for step in plan.calls {
            let url = configuration.absoluteURL(step.route)
            let answer: Answer
            do {
                answer = try await post(plan.fill(step.body, owner: owner), to: url)
            } catch {
                return .failure(HarnessError(transportFailure(error).code, "the session call \(step.route) for \(owner) failed: \(transportFailure(error).message)"))
            }
            let json = try? WireJSONReader.parse(answer.body)
            let errorText: String? = json.flatMap { value in
                if case .string(let text)? = value["error"] { return text }
                return nil
            }
            if answer.status != 200 || errorText != nil {
                if step.optional { continue }
                return .failure(HarnessError(
                    .protocolViolation,
                    "the session call \(step.route) for \(owner) answered HTTP \(answer.status)\(errorText.map { ": " + JSONValue.excerpt($0) } ?? "")"))
            }
            if let path = step.tokenPath {
                guard let json, let found = SessionPlan.text(at: path, in: json) else {
                    return .failure(HarnessError(.protocolViolation, "the session call \(step.route) answered no token at '\(path)'"))
                }
                token = found
            }
            if let path = step.userPath, let json { user = SessionPlan.text(at: path, in: json) ?? user }
        }
        guard let token else {
            return .failure(HarnessError(.protocolViolation, "the session calls gave no token (name its place with `token:` on a call)"))
        }
        sessionSecrets.remember(token)
        let session = SessionBook.Session(token: token, user: user)
        sessions.store(session, for: owner)
        return .success(session)
    }

    /// POSTs `body` to `url` with the configured headers, within the call timeout.
    package func post(_ body: JSONValue, to url: String, headers extra: [(name: String, value: String)] = []) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ExternalAssignmentSync-conformance/0.1")
        for (name, value) in configuration.headers + extra { request.headers.add(name: name, value: value) }
        var bytes: [UInt8] = []
        body.write(into: &bytes, escapeHTML: false)
        request.body = .bytes(ByteBuffer(bytes: bytes))
        return try await send(request)
    }

    /// Under `owner_from_session`, each source's owner as the kit knows it: the app names owners by
    /// its own user ids, so the id the session call answered (or, when it answered none, any owner in
    /// an answer given through `owner`'s session) reads as `owner`.
    package func ownersAsTheKitNamesThem(_ result: ConceptResult, owner: String) -> ConceptResult {
        guard case .sources(var views) = result, let session = sessions.session(of: owner) else { return result }
        for index in views.indices where views[index].owner != nil {
            if session.user == nil || views[index].owner == session.user { views[index].owner = owner }
        }
        return .sources(views)
    }
}

import AsyncHTTPClient
import ConceptValues
import KitPrimitives
import Logging
import JUnitXML
import MockServerCore
import NIOCore
import ConformanceKit

/// An implementation under test reached over HTTP, in the wire contract of README, "The wire contract":
/// `POST {base}/ExternalAssignmentSync/{name}` with a JSON object of the spec's named arguments;
/// answers are read in a ``WireProfile`` (`strict` or `compat-6104`).
///
/// ```swift
/// try await HTTPImplementation.withImplementation(.init(baseURL: "http://127.0.0.1:8000/api")) { sut in
///     let result = await sut.perform(.getSourcesForUser(user: "user:alice"))
/// }
/// ```
///
/// It never throws and never hangs: a concept error is a ``ConceptResult/error(_:)``; an implementation
/// that cannot be reached, stalls past ``Configuration/timeout``, drops the connection, fails (HTTP 5xx)
/// or answers outside the contract gives a ``HarnessError`` with a readable reason. Tokens sent in
/// `connectSource` never appear in those reasons or in the adapter's log.
public struct HTTPImplementation: ImplementationUnderTest {
    /// Where the implementation is and how to talk to it.
    public let configuration: Configuration
    let client: HTTPClient
    let secrets = KnownSecrets()
    /// Session tokens (never shown, but not a violation when an answer holds one).
    let sessionSecrets = KnownSecrets()
    let sessions = SessionBook()

    /// An adapter that sends its requests through `client`, which the caller owns and shuts down;
    /// make one with ``makeHTTPClient(for:)``.
    public init(configuration: Configuration, client: HTTPClient) {
        self.configuration = configuration
        self.client = client
    }

    /// Runs `body` with an adapter on its own HTTP client, which is shut down when `body` returns.
    public static func withImplementation<Result: Sendable>(
        _ configuration: Configuration, _ body: (HTTPImplementation) async throws -> Result
    ) async throws -> Result {
        let client = makeHTTPClient(for: configuration)
        do {
            let result = try await body(HTTPImplementation(configuration: configuration, client: client))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// How many connections the kit opens to the implementation at most: more than any run makes
    /// calls at once (`--jobs`, concurrent clients), so no call waits for a free connection. A call
    /// queued behind a full pool would fail once the connect timeout passed, which is the kit's
    /// doing, not a slow implementation's.
    public static let connectionsPerHost = 64

    /// An HTTP/1.1 client suited to the adapter: no redirects, no decompression, no retried connection
    /// attempts (a refused connection fails at once), `configuration`'s connect and read timeouts.
    public static func makeHTTPClient(for configuration: Configuration) -> HTTPClient {
        var settings = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: TimeAmount(configuration.connectTimeout), read: TimeAmount(configuration.timeout)))
        settings.httpVersion = .http1Only
        settings.connectionPool.retryConnectionEstablishment = false
        settings.connectionPool.idleTimeout = .seconds(10)
        settings.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
    }

    public var label: String { configuration.effectiveLabel }

    public func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        if case .connectSource(_, _, _, let details) = call { secrets.remember(details.apiToken) }
        let url = configuration.url(for: call.name)
        var fields = configuration.extraBodyFields
        var headers: [(name: String, value: String)] = []
        var omitted: Set<String> = []
        var owner: String?
        if let plan = configuration.session {
            let addressed = sessions.owner(for: call)
            owner = addressed
            switch await session(for: addressed, plan: plan) {
            case .failure(let error):
                return .failure(HarnessError(error.code, "POST \(redact(url)): \(redact(error.message))"))
            case .success(let session):
                switch plan.delivery {
                case .bodyField(let name): fields.append((name, .string(session.token)))
                case .header(let name, let format): headers.append((name, format.replacing("{token}", with: session.token)))
                }
            }
            if plan.ownerFromSession {
                omitted = Set(call.operation.arguments.filter { $0.role == .owner || $0.role == .user }.map(\.name))
            }
        }
        let started = ContinuousClock.now
        var outcome: Result<ConceptResult, HarnessError>
        do {
            let answer = try await exchange(call, url: url, extraFields: fields, extraHeaders: headers, omitting: omitted)
            outcome = interpret(answer, for: call)
            configuration.logger.debug(
                "call", metadata: ["route": "\(call.name)", "status": "\(answer.status)", "elapsed": "\(ContinuousClock.now - started)"])
        } catch {
            outcome = .failure(transportFailure(error))
            configuration.logger.debug("call failed", metadata: ["route": "\(call.name)", "elapsed": "\(ContinuousClock.now - started)"])
        }
        if let owner, case .success(.sourceAccount(let id)) = outcome { sessions.recordSource(id, owner: owner) }
        if let owner, configuration.session?.ownerFromSession == true, case .success(let result) = outcome {
            outcome = .success(ownersAsTheKitNamesThem(result, owner: owner))
        }
        return outcome.mapError { failure in
            HarnessError(failure.code, "POST \(redact(url)): \(redact(failure.message))")
        }
    }

    /// `text` without any API token or session token this adapter has seen.
    func redact(_ text: String) -> String {
        sessionSecrets.redactor.redact(secrets.redactor.redact(text))
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One validate or poll against one platform, whatever the platform: the base URL, the token's
/// headers, one deadline, and the rules every connector keeps the same way. The token goes only to
/// the base URL's origin (a redirect or a `Link: rel="next"` elsewhere is refused:
/// `NetworkError` at connect, `SourceConnectionError` at poll); pagination follows `Link` until it
/// ends, loops or passes the page limit; anything but JSON means the base URL is not the platform;
/// broken JSON is a `NetworkError`.
///
/// Canvas and GitHub Classroom sessions conform; each adds only what is its platform's own (status
/// mapping, Canvas's rate-limit pacing, the payloads).
protocol PlatformSession: Sendable {
    /// The platform's name in messages (`Canvas`, `GitHub`).
    static var platform: String { get }
    /// The base URL, phase, deadline, logger and transport of this call.
    var call: PlatformCall { get }
    /// One GET with the platform's retry and status mapping.
    func get(_ url: String) async throws(SyncError) -> PlatformResponse
    /// The error for an answer that shows the base URL is not this platform.
    func notPlatform(_ reason: String) -> SyncError
}

/// How a session sends: the client, the platform's headers (the token's among them), the timeouts
/// and the largest body it reads.
struct PlatformTransport: Sendable {
    var client: HTTPClient
    var headers: [(name: String, value: String)]
    var requestTimeout: Duration
    var totalTimeout: Duration
    var maxBodyBytes: Int
    var maxPages: Int
}

extension PlatformTransport: CustomStringConvertible, CustomReflectable {
    /// The header names only: the values carry the token.
    var description: String { "PlatformTransport(headers: \(headers.map(\.name)), request timeout \(requestTimeout))" }
    var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension PlatformSession {
    var base: PlatformBaseURL { call.base }
    var phase: PlatformPhase { call.phase }
    /// Whether this is `connectSource`'s validation (else a poll).
    var isConnect: Bool { call.phase == .connect }
    var deadline: NIODeadline { call.deadline }
    var logger: Logger { call.logger }
    var transport: PlatformTransport { call.transport }

    /// The refusal to send the token where the platform pointed (`what`: "redirected", "linked the next page").
    func crossOrigin(_ what: String) -> SyncError {
        let message = "\(Self.platform) \(what) to another origin; the token was not sent there"
        return SyncError(code: isConnect ? .networkError : .sourceConnectionError, message: message)
    }

    /// One GET of `firstURL`, following same-origin redirects (at most four): the first answer that
    /// is not a redirect, whatever its status. `before` runs before each request, `after` on each answer.
    func response(
        _ firstURL: String, before: () async throws(ConnectorFailure) -> Void = {}, after: (PlatformResponse) -> Void = { _ in }
    ) async throws(ConnectorFailure) -> PlatformResponse {
        var url = firstURL
        for _ in 0..<4 {
            try await before()
            let response = try await send(url)
            after(response)
            guard [301, 302, 303, 307, 308].contains(response.status) else { return response }
            guard let location = response.headers.first(name: "location"),
                let target = ConnectorHTTP.resolve(location, against: url), PlatformBaseURL.origin(of: target) == base.origin
            else { throw ConnectorFailure(error: crossOrigin("redirected")) }
            url = target
        }
        throw ConnectorFailure(error: SyncError(code: .networkError, message: "\(Self.platform) redirected too many times"))
    }

    private func send(_ url: String) async throws(ConnectorFailure) -> PlatformResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        for header in transport.headers { request.headers.add(name: header.name, value: header.value) }
        let requestDeadline = min(deadline, .now() + TimeAmount(transport.requestTimeout))
        guard requestDeadline > .now() else {
            throw ConnectorFailure(error: SyncError(code: .networkError, message: "the call ran out of time (total timeout \(transport.totalTimeout))"))
        }
        let path = url.dropFirst(base.origin.count).prefix { $0 != "?" }
        do {
            let response = try await transport.client.execute(request, deadline: requestDeadline, logger: logger)
            let body = try await response.body.collect(upTo: transport.maxBodyBytes)
            let remaining = response.headers.first(name: "x-rate-limit-remaining") ?? response.headers.first(name: "x-ratelimit-remaining") ?? "-"
            logger.debug("\(Self.platform) request", metadata: ["path": "\(path)", "status": "\(response.status.code)", "rateLimitRemaining": "\(remaining)"])
            return PlatformResponse(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            logger.debug("\(Self.platform) request failed", metadata: ["path": "\(path)", "error": "\(type(of: error))"])
            throw ConnectorFailure(error: SyncError(code: .networkError, message: ConnectorHTTP.describeTransport(error, platform: Self.platform)))
        }
    }

    /// The items of every page of a list, following `Link: rel="next"` on the base URL's origin.
    func allPages<Item: Decodable>(_ firstURL: String, as: Item.Type) async throws(SyncError) -> [Item] {
        var items: [Item] = []
        var url: String? = firstURL
        var visited = Set<String>()
        while let current = url {
            guard visited.insert(current).inserted, visited.count <= transport.maxPages else {
                throw SyncError(code: .networkError, message: "\(Self.platform) pagination does not end (a Link loops or exceeds \(transport.maxPages) pages)")
            }
            let response = try await get(current)
            items += try decode([Item].self, response)
            url = nil
            if let link = response.headers.first(name: "link"), let next = LinkHeader.url(rel: "next", in: link) {
                guard PlatformBaseURL.origin(of: next) == base.origin else { throw crossOrigin("linked the next page") }
                url = next
            }
        }
        return items
    }

    /// `T` from a JSON answer: anything but JSON is not the platform; broken JSON is a `NetworkError`.
    func decode<T: Decodable>(_ type: T.Type, _ response: PlatformResponse) throws(SyncError) -> T {
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        guard contentType.contains("json") else {
            throw notPlatform("answered \(response.status) with \(contentType.isEmpty ? "no content type" : contentType) instead of JSON")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
        } catch {
            throw SyncError(code: .networkError, message: "\(Self.platform) sent a malformed or truncated JSON body (\(response.body.readableBytes) bytes)")
        }
    }
}

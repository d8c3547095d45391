import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

extension GitHubClassroomSession {
    /// GETs `url` with the token: follows same-origin redirects, maps failures to spec errors, and
    /// retries transient ones when the connector has a retry policy (never waiting past the deadline).
    func get(_ url: String) async throws(SyncError) -> PlatformResponse {
        try await ConnectorRetry.run(
            policy: connector.configuration.retry, sleeper: connector.sleeper, latestWake: deadline, logger: logger,
            platform: "GitHub"
        ) { () async throws(ConnectorFailure) -> PlatformResponse in
            try await getOnce(url)
        }
    }

    private func getOnce(_ firstURL: String) async throws(ConnectorFailure) -> PlatformResponse {
        var url = firstURL
        for _ in 0..<4 {
            let response = try await send(url)
            switch response.status {
            case 200..<300:
                return response
            case 301, 302, 303, 307, 308:
                guard let location = response.headers.first(name: "location"),
                    let target = ConnectorHTTP.resolve(location, against: url), PlatformBaseURL.origin(of: target) == base.origin
                else { throw ConnectorFailure(error: GitHubClassroomErrorMapping.crossOrigin("redirected", phase: phase)) }
                url = target
            default:
                throw GitHubClassroomErrorMapping.status(
                    response.status, headers: response.headers, body: String(buffer: response.body), phase: phase)
            }
        }
        throw ConnectorFailure(error: SyncError(code: .networkError, message: "GitHub redirected too many times"))
    }

    private func send(_ url: String) async throws(ConnectorFailure) -> PlatformResponse {
        let configuration = connector.configuration
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/vnd.github+json")
        request.headers.add(name: "Authorization", value: "Bearer " + token)
        request.headers.add(name: "X-GitHub-Api-Version", value: "2022-11-28")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        let requestDeadline = min(deadline, .now() + TimeAmount(configuration.requestTimeout))
        guard requestDeadline > .now() else {
            throw ConnectorFailure(error: SyncError(
                code: .networkError, message: "the call ran out of time (total timeout \(configuration.totalTimeout))"))
        }
        let path = url.dropFirst(base.origin.count).prefix { $0 != "?" }
        do {
            let response = try await connector.client.execute(request, deadline: requestDeadline, logger: logger)
            let body = try await response.body.collect(upTo: configuration.maxBodyBytes)
            logger.debug("GitHub request", metadata: [
                "path": "\(path)", "status": "\(response.status.code)",
                "rateLimitRemaining": "\(response.headers.first(name: "x-ratelimit-remaining") ?? "-")",
            ])
            return PlatformResponse(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            logger.debug("GitHub request failed", metadata: ["path": "\(path)", "error": "\(type(of: error))"])
            throw ConnectorFailure(error: SyncError(
                code: .networkError, message: ConnectorHTTP.describeTransport(error, platform: "GitHub")))
        }
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The one GET both mutant clients make: the body and `Link` header of a 2xx JSON answer, or the
/// failure interpretation 6 (Scenarios/README.md) maps the answer to. Only how a platform says
/// "rate limited" on a 403 differs (a 429 always is one).
struct MutantRequest: Sendable {
    let http: HTTPClient
    /// How long one platform request may take.
    let timeout: TimeAmount
    let bug: MutantBug
    /// The platform's name in messages (`Canvas`, `GitHub`).
    let platform: String
    /// Whether a 403 with these headers and body text is a rate limit rather than a refusal.
    let isRateLimited: @Sendable (HTTPHeaders, String) -> Bool

    /// GETs `url` with `headers`; `poll` picks the poll's error names over the connect's.
    func get(_ url: String, headers: [(name: String, value: String)], poll: Bool) async -> Result<(Data, String?), MutantPaging.Failure> {
        typealias Failure = MutantPaging.Failure
        var request = HTTPClientRequest(url: url)
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await http.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        } catch {
            return .failure(Failure(name: "NetworkError", message: "the request to \(platform) failed"))
        }
        let status = Int(response.status.code)
        switch status {
        case 200..<300:
            guard (response.headers.first(name: "content-type") ?? "").contains("json") else {
                return .failure(Failure(name: poll ? "SourceConnectionError" : "InvalidCredentialsError", message: "\(platform) did not answer JSON"))
            }
            return .success((Data(body.readableBytesView), response.headers.first(name: "link")))
        case 300..<400:
            return .failure(Failure(name: poll ? "SourceConnectionError" : "NetworkError", message: "\(platform) redirected elsewhere"))
        case 401:
            return .failure(Failure(name: poll ? "SourceConnectionError" : "InvalidCredentialsError", message: "\(platform) refused the token"))
        case 403 where isRateLimited(response.headers, String(buffer: body)), 429:
            let name = poll && bug != .rateLimitAsNetworkError ? "ApiRateLimitError" : "NetworkError"
            return .failure(Failure(name: name, message: "\(platform) throttled the request"))
        case 500..<600:
            return .failure(Failure(name: "NetworkError", message: "\(platform) answered \(status)"))
        default:
            return .failure(Failure(name: poll ? "SourceConnectionError" : "InvalidCredentialsError", message: "\(platform) answered \(status)"))
        }
    }
}

import AsyncHTTPClient

extension HTTPClient {
    /// `body`'s result, with this client shut down afterwards whether `body` threw or not (a failed
    /// shutdown after a successful `body` is the error).
    func shutdownAfter<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        do {
            let result = try await body()
            try await shutdown()
            return result
        } catch {
            try? await shutdown()
            throw error
        }
    }
}

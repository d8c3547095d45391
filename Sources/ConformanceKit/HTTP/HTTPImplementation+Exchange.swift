import AsyncHTTPClient
import MockServerCore
import NIOCore
import NIOHTTP1

extension HTTPImplementation {
    /// A complete answer: status, content type and every body byte.
    struct Answer: Sendable {
        var status: Int
        var contentType: String?
        var body: [UInt8]
    }

    /// The whole call ran past ``Configuration/timeout`` (the guard around the body read).
    struct CallTimedOut: Error {}

    /// Sends `call` and reads the complete answer, all within the configured timeout.
    ///
    /// The client's deadline bounds connecting, sending and the answer's head; a racing timer bounds
    /// the body too (cancelling the read), so a server that trickles bytes cannot stretch a call.
    func exchange(_ call: ConceptCall, url: String) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "ExternalAssignmentSync-conformance/0.1")
        for (name, value) in configuration.headers { request.headers.add(name: name, value: value) }
        var bytes: [UInt8] = []
        WireRequestEncoder.body(for: call, extraFields: configuration.extraBodyFields).write(into: &bytes, escapeHTML: false)
        request.body = .bytes(ByteBuffer(bytes: bytes))

        let timeout = configuration.timeout
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        let limit = configuration.maxAnswerBytes
        let client = self.client
        let prepared = request
        let logger = configuration.logger
        return try await withThrowingTaskGroup(of: Answer?.self) { group in
            group.addTask {
                let response = try await client.execute(prepared, deadline: deadline, logger: logger)
                let body = try await response.body.collect(upTo: limit)
                return Answer(
                    status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                    body: Array(body.readableBytesView))
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let answer = first else { throw CallTimedOut() }
            return answer
        }
    }
}

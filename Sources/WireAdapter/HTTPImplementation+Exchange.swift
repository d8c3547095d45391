import AsyncHTTPClient
import MockServerCore
import NIOCore
import NIOHTTP1
import ConformanceKit

extension HTTPImplementation {
    /// A complete answer: status, content type and every body byte.
    package struct Answer: Sendable {
        var status: Int
        var contentType: String?
        var body: [UInt8]
    }

    /// The whole call ran past ``Configuration/timeout`` (the guard around the body read).
    package struct CallTimedOut: Error {}

    /// Sends `call` and reads the complete answer, all within the configured timeout: its named
    /// arguments (less `omitting`) with `extraFields`, and `extraHeaders` after the configured ones.
    package func exchange(
        _ call: ConceptCall, url: String, extraFields: [(name: String, value: JSONValue)], extraHeaders: [(name: String, value: String)] = [],
        omitting: Set<String> = []
    ) async throws -> Answer {
        var body = WireRequestEncoder.body(for: call, extraFields: extraFields)
        if !omitting.isEmpty, case .object(let fields) = body { body = .object(fields.filter { !omitting.contains($0.0) }) }
        return try await post(body, to: url, headers: extraHeaders)
    }

    /// Sends `request` and reads the complete answer within the configured timeout.
    ///
    /// The client's deadline bounds connecting, sending and the answer's head; a racing timer bounds
    /// the body too (cancelling the read), so a server that trickles bytes cannot stretch a call.
    package func send(_ request: HTTPClientRequest) async throws -> Answer {
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

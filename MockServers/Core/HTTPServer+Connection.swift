import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HTTPServer {
    /// Serves one connection: requests in order, one response each, until close, error or cancellation.
    func serve(_ channel: any Channel) async {
        let local = channel.localAddress
        let localAuthority = "\(configuration.host):\(local?.port ?? configuration.port)"
        let connection: NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>
        do {
            connection = try await Self.wrap(channel)
        } catch {
            // Closed before it could be served (over the limit, or the server is stopping).
            channel.close(promise: nil)
            return
        }
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body: ByteBuffer?
                var iterator = inbound.makeAsyncIterator()
                do {
                    while let part = try await iterator.next() {
                        switch part {
                        case .head(let h):
                            head = h
                            body = nil
                        case .body(var chunk):
                            if (body?.readableBytes ?? 0) + chunk.readableBytes > configuration.maxBodyBytes {
                                try await write(.text(413, "request body too large\n"), to: outbound, channel: connection.channel, close: true, isHead: false)
                                return
                            }
                            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
                        case .end:
                            guard let requestHead = head else { continue }
                            head = nil
                            let request = MockRequest(
                                method: requestHead.method.rawValue, uri: requestHead.uri, headers: requestHead.headers,
                                body: body, version: requestHead.version, localAuthority: localAuthority)
                            body = nil
                            let plan = await responder.respond(to: request)
                            let keepAlive = requestHead.isKeepAlive && !plan.closeAfter
                            let proceed = try await execute(
                                plan, keepAlive: keepAlive, isHead: requestHead.method == .HEAD,
                                outbound: outbound, connection: connection, iterator: &iterator)
                            if !proceed { return }
                        }
                    }
                } catch let error as HTTPParserError {
                    let response: MockResponse =
                        error == .headerOverflow
                        ? .text(431, "request header fields too large\n")
                        : .text(400, "malformed HTTP request\n")
                    try? await write(response, to: outbound, channel: connection.channel, close: true, isHead: false)
                }
            }
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// Carries out a plan; returns false when the connection must close.
    private func execute(
        _ plan: ResponsePlan,
        keepAlive: Bool,
        isHead: Bool,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        connection: NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>,
        iterator: inout NIOAsyncChannelInboundStream<HTTPServerRequestPart>.AsyncIterator
    ) async throws -> Bool {
        if let delay = plan.delay {
            try await Task.sleep(for: delay)
        }
        let channel = connection.channel
        switch plan.transport {
        case nil:
            try await write(plan.response, to: outbound, channel: channel, close: !keepAlive, isHead: isHead)
            return keepAlive
        case .reset:
            Self.reset(channel)
            return false
        case .closeWithoutResponse:
            channel.close(promise: nil)
            return false
        case .closeMidHeaders:
            var head = channel.allocator.buffer(capacity: 256)
            plan.response.serializeHead(into: &head)
            try await outbound.write(head.getSlice(at: head.readerIndex, length: max(1, head.readableBytes / 2))!)
            channel.close(promise: nil)
            return false
        case .closeMidBody:
            var bytes = channel.allocator.buffer(capacity: 256 + plan.response.body.readableBytes)
            let fullLength = max(plan.response.body.readableBytes, 2)
            plan.response.serializeHead(into: &bytes, contentLength: fullLength)
            var body = plan.response.body
            var part = body.readSlice(length: fullLength / 2 <= body.readableBytes ? fullLength / 2 : body.readableBytes)!
            bytes.writeBuffer(&part)
            try await outbound.write(bytes)
            channel.close(promise: nil)
            return false
        case .stall:
            if let limit = configuration.stallLimit {
                // A bounded stall: nothing for `limit` (or until the server stops), then a reset.
                try? await Task.sleep(for: limit)
                Self.reset(channel)
                return false
            }
            // Send nothing; hold the connection until the client gives up (or the server stops).
            while try await iterator.next() != nil {}
            return false
        }
    }

    /// Resets the connection (TCP RST: `SO_LINGER` 0, then close) on its event loop, at once: no
    /// hop through the task pool, which a busy process may not give this task for a long while, so
    /// the client learns of the reset however loaded the machine is.
    static func reset(_ channel: any Channel) {
        guard let sockets = channel as? any SocketOptionProvider else { return channel.close(promise: nil) }
        sockets.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
    }

    private func write(
        _ response: MockResponse,
        to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel,
        close: Bool,
        isHead: Bool
    ) async throws {
        var head = channel.allocator.buffer(capacity: 512)
        response.serializeHead(into: &head, connection: close ? "close" : nil)
        if isHead || response.body.readableBytes == 0 {
            try await outbound.write(head)
        } else if response.body.readableBytes <= 16 * 1024 {
            var body = response.body
            head.writeBuffer(&body)
            try await outbound.write(head)
        } else {
            try await outbound.write(contentsOf: [head, response.body])
        }
    }
}

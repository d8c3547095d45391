import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// Where a running server listens.
public struct BoundAddress: Sendable, Hashable {
    /// The host the server is bound to (e.g. `127.0.0.1`).
    public var host: String
    /// The bound port (the real one when 0 was asked for).
    public var port: Int
    /// `http://host:port`.
    public var origin: String { "http://\(host):\(port)" }
}

/// Limits and placement of an ``HTTPServer``.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind; loopback by default.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 asks the kernel for a free one (reported through `onReady`).
    public var port: Int = 0
    /// The largest request head accepted; a larger one gets `431` and the connection closes.
    public var maxHeaderBytes: Int = 16 * 1024
    /// The largest request body accepted; a larger one gets `413` and the connection closes.
    public var maxBodyBytes: Int = 8 * 1024 * 1024
    /// A connection that sends nothing for this long is closed (slow or idle clients).
    public var idleTimeout: Duration = .seconds(60)
    /// Connections beyond this many at once are closed on accept.
    public var maxConnections: Int = 1024
    /// How long an injected `stall` lasts: nil holds the connection silent until the client gives
    /// up (the test of a client's timeout); a duration ends the stall after that much real time with
    /// a reset. The kit's embedded runs and its own tests bound their stalls, so that a client there
    /// never needs a short timeout and a busy machine never turns a healthy answer into a timeout.
    public var stallLimit: Duration?
    /// The event loops to run on.
    public var eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    /// The default configuration (loopback, port 0).
    public init() {}

    /// A configuration on `host:port`.
    public init(host: String = "127.0.0.1", port: Int = 0) {
        self.host = host
        self.port = port
    }
}

/// A small HTTP/1.1 server on SwiftNIO for the mock platforms and the reference-over-HTTP.
///
/// Its lifetime is structured: ``run(onReady:)`` binds, reports the bound address, serves every
/// connection in a child task of one discarding task group, and returns when the calling task is
/// cancelled (after closing the listener and every connection). No task outlives it.
///
/// ```swift
/// try await withHTTPServer(responder: myResponder) { address in
///     // talk to address.origin
/// }
/// ```
public struct HTTPServer<Responder: HTTPResponder>: Sendable {
    /// The server's limits and address.
    public let configuration: HTTPServerConfiguration
    /// Who answers requests.
    public let responder: Responder
    let logger: Logger

    /// Creates a server (it does not bind until ``run(onReady:)``).
    public init(configuration: HTTPServerConfiguration = .init(), responder: Responder, logger: Logger = Logger(label: "mock-http")) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
    }

    /// Binds, calls `onReady` with the bound address, and serves until the task is cancelled; then it
    /// closes the listener and every connection and returns normally.
    ///
    /// Accepted connections stay plain channels (not yet reading) until a child task takes them and
    /// wraps them for async use, so a connection accepted just as the server stops is closed, never
    /// left half-owned.
    public func run(onReady: @Sendable (BoundAddress) -> Void = { _ in }) async throws {
        let configuration = self.configuration
        let open = OpenConnections()
        let listener = try await ServerBootstrap(group: configuration.eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelOption(.autoRead, value: false)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.configurePipeline(channel, configuration)
                    // Over the limit: closed at once, never served.
                    if !open.admit(channel, limit: configuration.maxConnections) { channel.close(promise: nil) }
                    return channel
                }
            }
        let port = listener.channel.localAddress?.port ?? configuration.port
        onReady(BoundAddress(host: configuration.host, port: port))
        do {
            try await withTaskCancellationHandler {
                try await withThrowingDiscardingTaskGroup { group in
                    try await listener.executeThenClose { inbound in
                        for try await channel in inbound {
                            group.addTask { await self.serve(channel) }
                        }
                    }
                }
            } onCancel: {
                listener.channel.close(promise: nil)
                open.closeAll()
            }
        } catch where Task.isCancelled {
            // Cancellation is the normal way to stop: the listener and every connection are closed.
        }
    }

    static func configurePipeline(_ channel: any Channel, _ configuration: HTTPServerConfiguration) throws {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = configuration.maxHeaderBytes
        limits.maxHeaderFieldSize = configuration.maxHeaderBytes
        let idle = TimeAmount.nanoseconds(Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000
            + configuration.idleTimeout.components.attoseconds / 1_000_000_000)
        let sync = channel.pipeline.syncOperations
        try sync.addHandler(IdleStateHandler(readTimeout: idle))
        try sync.addHandler(IdleConnectionCloser())
        try sync.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes, limitConfiguration: limits)))
    }

    /// Wraps an accepted channel for async use (on its event loop) and starts reading.
    static func wrap(_ channel: any Channel) async throws -> NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer> {
        // One hop to the event loop: wrap, turn reading on and read, in that order, with no
        // return to the task pool in between.
        try await channel.eventLoop.submit {
            let wrapped = try NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>(
                wrappingChannelSynchronously: channel,
                configuration: .init(inboundType: HTTPServerRequestPart.self, outboundType: ByteBuffer.self))
            if let options = channel.syncOptions {
                try options.setOption(ChannelOptions.autoRead, value: true)
            } else {
                channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in channel.close(promise: nil) }
            }
            channel.read()
            return wrapped
        }.get()
    }
}

/// Runs an ``HTTPServer`` for the duration of `body`, which receives the bound address once the
/// server is listening; the server stops (and all its connections close) when `body` returns.
public func withHTTPServer<Responder: HTTPResponder, Result: Sendable>(
    configuration: HTTPServerConfiguration = .init(),
    responder: Responder,
    logger: Logger = Logger(label: "mock-http"),
    _ body: (BoundAddress) async throws -> Result
) async throws -> Result {
    let server = HTTPServer(configuration: configuration, responder: responder, logger: logger)
    let (ready, readyContinuation) = AsyncStream.makeStream(of: BoundAddress.self)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            try await server.run { address in
                readyContinuation.yield(address)
                readyContinuation.finish()
            }
        }
        var iterator = ready.makeAsyncIterator()
        guard let address = await iterator.next() else {
            // The server failed before it was ready: surface its error.
            try await group.next()
            throw CancellationError()
        }
        do {
            let result = try await body(address)
            group.cancelAll()
            try await group.waitForAll()
            return result
        } catch {
            group.cancelAll()
            try? await group.waitForAll()
            throw error
        }
    }
}

/// Closes a connection when `IdleStateHandler` reports that nothing was read for too long.
final class IdleConnectionCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}

/// The open connections: admission against the limit, and closing them all when the server stops.
final class OpenConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Registers `channel` unless `limit` connections are open; it is forgotten when it closes.
    func admit(_ channel: any Channel, limit: Int) -> Bool {
        let key = ObjectIdentifier(channel)
        let admitted = channels.withLock { open in
            guard open.count < limit else { return false }
            open[key] = channel
            return true
        }
        if admitted {
            channel.closeFuture.whenComplete { [self] _ in _ = channels.withLock { $0.removeValue(forKey: key) } }
        }
        return admitted
    }

    /// Closes every open connection.
    func closeAll() {
        for channel in channels.withLock({ Array($0.values) }) { channel.close(promise: nil) }
    }
}

import Foundation
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A raw HTTP/1.1 client over a real loopback socket, for checking exact bytes and broken
/// connections (resets, partial responses, stalls) that a full HTTP client would hide.
///
/// Reads wait on a readiness signal from the channel (bytes arrived, closed, reset), with a deadline
/// scheduled on the event loop; nothing polls or sleeps.
public final class LoopbackClient: Sendable {
    /// A parsed response.
    public struct Response: Equatable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Every byte as received (status line, headers and body).
        public var raw: [UInt8]

        public var bodyText: String { String(decoding: body, as: UTF8.self) }

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        public static func == (lhs: Response, rhs: Response) -> Bool { lhs.raw == rhs.raw }
    }

    /// How a read ended when no complete response arrived.
    public enum ReadEnd: Error, Equatable {
        /// The server closed the connection; `received` holds what came before.
        case closed(received: [UInt8])
        /// The connection was reset (TCP RST).
        case reset(received: [UInt8])
        /// Nothing more arrived within the time limit; the connection is still open.
        case timedOut(received: [UInt8])
    }

    public let channel: any Channel
    private let sink: ByteSink

    /// The default read deadline: long enough that only a hang reaches it.
    public static let hangGuard: TimeAmount = .seconds(120)

    private init(channel: any Channel, sink: ByteSink) {
        self.channel = channel
        self.sink = sink
    }

    /// Connects to `127.0.0.1:port`; with `reading: false` nothing is read from the socket until
    /// ``startReading()`` (a slow client whose receive window fills up).
    public static func connect(port: Int, reading: Bool = true) async throws -> LoopbackClient {
        let sink = ByteSink()
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).channelOption(.autoRead, value: reading)
        if !reading { bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: 4096) }
        let channel = try await bootstrap
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Collector(sink: sink)) }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return LoopbackClient(channel: channel, sink: sink)
    }

    /// Sends raw bytes.
    public func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text))
    }

    /// Sends a GET (with a fixed `Host` by default, so bytes compare across ports).
    public func get(_ target: String, headers: [(String, String)] = [], host: String = "canvas.test") async throws {
        try await send(Self.request("GET", target, headers: headers, host: host))
    }

    /// The text of a request.
    public static func request(_ method: String, _ target: String, headers: [(String, String)] = [], host: String = "canvas.test", body: String? = nil) -> String {
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        return text + "\r\n" + (body ?? "")
    }

    /// Reads one complete response (framed by `Content-Length`), or throws ``ReadEnd``.
    ///
    /// The default deadline only guards against a hang: a healthy answer on a loaded machine (CI
    /// runs the suite beside CPU burners) must never count as a timeout. Tests that expect a stall
    /// pass their own.
    public func readResponse(timeout: TimeAmount = LoopbackClient.hangGuard) async throws -> Response {
        let deadline = NIODeadline.now() + timeout
        while true {
            let snapshot = sink.snapshot()
            var unread = snapshot.unread
            if let response = Self.parse(&unread) {
                sink.consume(response.raw.count)
                return response
            }
            if snapshot.reset { throw ReadEnd.reset(received: snapshot.unread) }
            if snapshot.closed { throw ReadEnd.closed(received: snapshot.unread) }
            guard await sink.waitForChange(from: snapshot.version, until: deadline, on: channel.eventLoop) else {
                throw ReadEnd.timedOut(received: snapshot.unread)
            }
        }
    }

    /// Reads until the server closes or resets the connection (or the deadline passes).
    public func readToEnd(timeout: TimeAmount = LoopbackClient.hangGuard) async throws -> ReadEnd {
        let deadline = NIODeadline.now() + timeout
        while true {
            let snapshot = sink.snapshot()
            if snapshot.reset { return .reset(received: snapshot.unread) }
            if snapshot.closed { return .closed(received: snapshot.unread) }
            guard await sink.waitForChange(from: snapshot.version, until: deadline, on: channel.eventLoop) else {
                return .timedOut(received: snapshot.unread)
            }
        }
    }

    /// Starts reading (for a client connected with `reading: false`).
    public func startReading() async throws {
        try await channel.setOption(.autoRead, value: true).get()
        channel.read()
    }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }

    public static func parse(_ buffer: inout [UInt8]) -> Response? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer.firstRange(of: separator) else { return nil }
        let headText = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        // A negative or huge Content-Length never completes (and never overflows or crashes).
        guard length >= 0, buffer.count - end.upperBound >= length else { return nil }
        let raw = Array(buffer[..<(end.upperBound + length)])
        let body = Array(buffer[end.upperBound..<(end.upperBound + length)])
        buffer.removeFirst(end.upperBound + length)
        return Response(status: status, headers: headers, body: body, raw: raw)
    }
}

/// Bytes and connection events from the channel, with a readiness signal for waiting readers.
final class ByteSink: Sendable {
    struct Snapshot {
        var unread: [UInt8]
        var closed: Bool
        var reset: Bool
        var version: Int
    }

    private struct State {
        var bytes: [UInt8] = []
        var consumed = 0
        var closed = false
        var reset = false
        var version = 0
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    func snapshot() -> Snapshot {
        state.withLock { Snapshot(unread: Array($0.bytes[$0.consumed...]), closed: $0.closed, reset: $0.reset, version: $0.version) }
    }

    func consume(_ count: Int) { state.withLock { $0.consumed += count } }

    func append(_ bytes: some Sequence<UInt8>) { signal { $0.bytes.append(contentsOf: bytes) } }

    func markClosed(reset: Bool) {
        signal {
            $0.closed = true
            $0.reset = $0.reset || reset
        }
    }

    private func signal(_ change: (inout State) -> Void) {
        let waiters = state.withLock { s -> [CheckedContinuation<Bool, Never>] in
            change(&s)
            s.version += 1
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    /// Waits until something changes after `version`; false when the deadline passes first.
    func waitForChange(from version: Int, until deadline: NIODeadline, on eventLoop: any EventLoop) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let id: Int? = state.withLock { s in
                guard s.version == version else { return nil }
                let id = s.nextWaiter
                s.nextWaiter += 1
                s.waiters[id] = continuation
                return id
            }
            guard let id else {
                continuation.resume(returning: true)
                return
            }
            eventLoop.scheduleTask(deadline: deadline) { [self] in
                let expired = state.withLock { $0.waiters.removeValue(forKey: id) }
                expired?.resume(returning: false)
            }
        }
    }
}

/// Feeds a channel's bytes and events into a ``ByteSink``.
final class Collector: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let sink: ByteSink

    init(sink: ByteSink) { self.sink = sink }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sink.append(unwrapInboundIn(data).readableBytesView)
    }

    func channelInactive(context: ChannelHandlerContext) {
        sink.markClosed(reset: false)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let io = error as? IOError, io.errnoCode == ECONNRESET {
            sink.markClosed(reset: true)
        }
        context.close(promise: nil)
    }
}

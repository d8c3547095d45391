import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A closed-loop HTTP/1.1 load generator: each keep-alive connection sends one GET, reads the whole
/// response (framed by `Content-Length`), records the latency and sends the next, until the time is up.
///
/// Used by `conformance bench` to measure the mock servers (and, with `--url`, any server such as
/// nginx serving the same bytes, for comparison). Wall time is read here: benchmarks are outside
/// simulated runs.
struct HTTPLoadGenerator {
    struct Result {
        var requests: Int
        var bytes: Int
        var seconds: Double
        var latenciesMicroseconds: [Int]
        var errors: Int

        var requestsPerSecond: Double { Double(requests) / seconds }

        func percentile(_ p: Double) -> Double {
            guard !latenciesMicroseconds.isEmpty else { return 0 }
            let sorted = latenciesMicroseconds.sorted()
            let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
            return Double(sorted[max(0, index)]) / 1000
        }
    }

    var host: String
    var port: Int
    var target: String
    var headers: [(String, String)]
    var connections: Int
    var duration: Duration

    func run(group: any EventLoopGroup) async throws -> Result {
        var request = "GET \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let requestBytes = ByteBuffer(string: request)
        let tally = LoadTally()
        let deadline = NIODeadline.now() + .nanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        let start = ContinuousClock.now
        let host = self.host
        let port = self.port
        try await withThrowingTaskGroup(of: Void.self) { group2 in
            for _ in 0..<connections {
                group2.addTask {
                    let done = group.next().makePromise(of: Void.self)
                    let channel = try await ClientBootstrap(group: group)
                        .channelOption(.socketOption(.tcp_nodelay), value: 1)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(
                                    ClosedLoopHandler(request: requestBytes, deadline: deadline, tally: tally, done: done))
                            }
                        }
                        .connect(host: host, port: port).get()
                    try await done.futureResult.get()
                    try? await channel.close()
                }
            }
            try await group2.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return tally.state.withLock {
            Result(requests: $0.requests, bytes: $0.bytes, seconds: seconds, latenciesMicroseconds: $0.latencies, errors: $0.errors)
        }
    }
}

final class LoadTally: Sendable {
    struct State {
        var requests = 0
        var bytes = 0
        var errors = 0
        var latencies: [Int] = []
    }
    let state = Mutex(State())
}

/// Sends a request, waits for the full response, records it, repeats until the deadline.
final class ClosedLoopHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let request: ByteBuffer
    let deadline: NIODeadline
    let tally: LoadTally
    let done: EventLoopPromise<Void>
    private var sentAt = NIODeadline.now()
    private var buffer = ByteBuffer()
    private var expected: Int?
    private var local = LoadTally.State()

    init(request: ByteBuffer, deadline: NIODeadline, tally: LoadTally, done: EventLoopPromise<Void>) {
        self.request = request
        self.deadline = deadline
        self.tally = tally
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context: context)
    }

    private func send(context: ChannelHandlerContext) {
        sentAt = .now()
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        buffer.writeBuffer(&chunk)
        while true {
            if expected == nil {
                guard let view = buffer.readableBytesView.firstRange(of: [13, 10, 13, 10]) else { return }
                let headLength = view.upperBound - buffer.readerIndex
                let head = buffer.getString(at: buffer.readerIndex, length: headLength) ?? ""
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                expected = headLength + length
            }
            guard let total = expected, buffer.readableBytes >= total else { return }
            buffer.moveReaderIndex(forwardBy: total)
            buffer.discardReadBytes()
            expected = nil
            let now = NIODeadline.now()
            local.requests += 1
            local.bytes += total
            local.latencies.append(Int((now - sentAt).nanoseconds / 1000))
            if now < deadline {
                send(context: context)
            } else {
                finish()
                return
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        local.errors += 1
        finish()
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
    }

    private var finished = false
    private func finish() {
        guard !finished else { return }
        finished = true
        let mine = local
        tally.state.withLock {
            $0.requests += mine.requests
            $0.bytes += mine.bytes
            $0.errors += mine.errors
            $0.latencies += mine.latencies
        }
        done.succeed()
    }
}

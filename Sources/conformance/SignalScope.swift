import Dispatch
import Foundation
import Synchronization

/// Runs work until SIGINT or SIGTERM arrives, then cancels it and returns normally.
enum SignalScope {
    /// Runs `work` until it finishes or a signal arrives; a signal is a clean stop (no error).
    static func runUntilSignal(_ work: @escaping @Sendable () async throws -> Void) async throws {
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        let watcher = SignalWatcher([SIGINT, SIGTERM]) { continuation.yield($0) }
        defer { watcher.cancel() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await work() }
            group.addTask {
                var iterator = signals.makeAsyncIterator()
                _ = await iterator.next()
            }
            _ = try await group.next()
            group.cancelAll()
            continuation.finish()
            while let _ = try await group.next() {}
        }
    }
}

/// Turns signals into calls of a handler (the process ignores them meanwhile).
final class SignalWatcher: Sendable {
    private let sources: Mutex<[any DispatchSourceSignal]>

    init(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        var made: [any DispatchSourceSignal] = []
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { handler(sig) }
            source.resume()
            made.append(source)
        }
        sources = Mutex(made)
    }

    func cancel() {
        sources.withLock { sources in
            for source in sources { source.cancel() }
            sources.removeAll()
        }
    }
}

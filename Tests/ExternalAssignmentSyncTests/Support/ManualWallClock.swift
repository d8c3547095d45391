import KitPrimitives
import Synchronization

/// A wall clock the test moves by hand; optionally it ticks forward one second after every reading.
final class ManualWallClock: Sendable {
    private let current: Mutex<Timestamp>
    private let tickSeconds: Int64

    init(_ start: Timestamp = Fixtures.start, tickSeconds: Int64 = 0) {
        current = Mutex(start)
        self.tickSeconds = tickSeconds
    }

    /// The current reading (then ticks, if configured).
    func now() -> Timestamp {
        current.withLock { now in
            defer { now = now.advanced(bySeconds: tickSeconds) }
            return now
        }
    }

    func advance(bySeconds seconds: Int64) {
        current.withLock { $0 = $0.advanced(bySeconds: seconds) }
    }

    /// The reading `now()` would give next, without ticking.
    var peek: Timestamp { current.withLock { $0 } }
}

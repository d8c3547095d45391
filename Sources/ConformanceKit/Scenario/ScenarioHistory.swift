import KitPrimitives

/// Everything that happened in one scenario run, in order: calls and results, the requests that
/// reached the mock during each step, world changes, clock moves and faults.
///
/// It is written with built-in names in place of real origins (`$canvas`, not the port) and owners
/// without the isolation prefix, so the same seed gives the same history and the same ``digest``
/// (the determinism gate, README, "Determinism"). Wall time never appears in it.
public struct ScenarioHistory: Sendable, Hashable {
    /// One event.
    public struct Event: Sendable, Hashable, CustomStringConvertible {
        /// The 1-based step it belongs to (0: before the first step).
        public var step: Int
        /// `call`, `result`, `request`, `canvas`, `clock`, `faults`, `check`, ...
        public var kind: String
        public var text: String

        public var description: String { "#\(step) \(kind) \(text)" }
    }

    public private(set) var events: [Event] = []

    public init(events: [Event] = []) {
        self.events = events
    }

    mutating func append(step: Int, _ kind: String, _ text: String) {
        events.append(Event(step: step, kind: kind, text: text))
    }

    /// The events, one per line.
    public var text: String { events.map(\.description).joined(separator: "\n") }

    /// A stable 64-bit digest of ``text`` (FNV-1a, as 16 hex digits).
    public var digest: String { StableHash.hex(StableHash.fnv1a64(text)) }

    /// The digest of several histories in order (a whole run).
    public static func digest(of histories: [ScenarioHistory]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for history in histories {
            hash = StableHash.fnv1a64(bytes: Array(history.text.utf8) + [0x0A, 0x1E], basis: hash)
        }
        return StableHash.hex(hash)
    }
}

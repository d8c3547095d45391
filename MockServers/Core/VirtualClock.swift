import KitPrimitives

/// The only clock a mock platform reads: it stands still until its controller sets or advances it.
///
/// Nothing in a simulated run reads wall time; `updated_at` stamps, token expiry and rate-limit
/// leaks all use this clock, which is why the same seed and the same requests give the same bytes.
public struct VirtualClock: Sendable, Hashable, Codable {
    /// The current virtual instant.
    public private(set) var now: Timestamp

    /// A clock standing at `start`.
    public init(start: Timestamp) { now = start }

    /// Moves the clock to `instant`. Moving backwards is refused: platform time never runs back.
    public mutating func set(_ instant: Timestamp) throws(MockError) {
        guard instant >= now else {
            throw MockError(.invalidCommand, "the virtual clock cannot move backwards (now \(now), asked \(instant))")
        }
        now = instant
    }

    /// Advances the clock by a non-negative duration.
    public mutating func advance(by duration: Duration) throws(MockError) {
        guard duration >= .zero else {
            throw MockError(.invalidCommand, "the virtual clock cannot move backwards (advance by \(duration))")
        }
        now = now.advanced(by: duration)
    }
}

/// A seeded, splittable pseudo-random generator (SplitMix64, Steele et al. 2014).
///
/// The kit never reads `SystemRandomNumberGenerator` inside a simulated run: every random choice
/// comes from a `SplitMix64` seeded from the run seed, so the same seed gives the same run.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let caseSeed = SplitMix64.derive(42, "scenario:connect-duplicate")
/// Int.random(in: 0..<10, using: &rng)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The current state; two generators with the same state produce the same sequence.
    public private(set) var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed `Double` in `0..<1`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A seed for a named part of a run, derived from the run seed: stable across processes,
    /// platforms and releases (it hashes the UTF-8 bytes, never `Hasher`).
    public static func derive(_ seed: UInt64, _ label: String) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ StableHash.fnv1a64(label))
        return mixer.next()
    }
}

/// Hashes that are the same in every process (unlike `Hasher`, which is seeded per process).
public enum StableHash {
    /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        fnv1a64(bytes: text.utf8)
    }

    /// 64-bit FNV-1a of `bytes`, continuing from `basis`.
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes, basis: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The 16-hex-digit form of a 64-bit hash.
    public static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

import Synchronization

/// Makes fresh ``SourceAccountID``s for `connectSource`.
///
/// The core refuses an id it has issued before, and the service then draws again, so a generator
/// that repeats itself costs retries, not correctness; it should still aim never to repeat.
public protocol SourceAccountIDGenerator: Sendable {
    /// A fresh id.
    func nextID() -> SourceAccountID
}

/// Deterministic ids `"<prefix>1"`, `"<prefix>2"`, …: for tests and simulated runs.
///
/// ```swift
/// let ids = SequentialSourceAccountIDGenerator(prefix: "source-")
/// ids.nextID()   // "source-1"
/// ```
public final class SequentialSourceAccountIDGenerator: SourceAccountIDGenerator {
    private let prefix: String
    private let lastNumber: Mutex<UInt64>

    /// Creates a generator whose first id is `"<prefix><start>"`.
    /// - Parameters:
    ///   - prefix: Text before the number.
    ///   - start: The first number.
    public init(prefix: String = "source-", start: UInt64 = 1) {
        self.prefix = prefix
        self.lastNumber = Mutex(start &- 1)
    }

    public func nextID() -> SourceAccountID {
        let number = lastNumber.withLock { last in
            last &+= 1
            return last
        }
        return SourceAccountID(rawValue: "\(prefix)\(number)")
    }
}

/// Random version-4 UUID ids (lowercase, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`).
///
/// With `SystemRandomNumberGenerator` (the default) it is the production generator; README, "Determinism"
/// forbids that generator inside simulated runs, so there pass a seeded one (`SplitMix64`).
///
/// ```swift
/// let production = RandomUUIDSourceAccountIDGenerator()
/// let replayable = RandomUUIDSourceAccountIDGenerator(using: SplitMix64(seed: 42))
/// ```
public final class RandomUUIDSourceAccountIDGenerator<Generator: RandomNumberGenerator & Sendable>:
    SourceAccountIDGenerator
{
    private let generator: Mutex<Generator>

    /// Creates a generator drawing from `generator`.
    public init(using generator: Generator) {
        self.generator = Mutex(generator)
    }

    public func nextID() -> SourceAccountID {
        let (high, low) = generator.withLock { ($0.next(), $0.next()) }
        return SourceAccountID(rawValue: Self.uuidV4(high: high, low: low))
    }

    /// Formats 128 random bits as a version-4, variant-1 UUID string.
    static func uuidV4(high: UInt64, low: UInt64) -> String {
        let versioned = (high & ~0xF000) | 0x4000  // version nibble of time_hi_and_version
        let varianted = (low & ~(0xC000 << 48)) | (0x8000 << 48)  // variant bits 10xx
        let hex = hex16(versioned) + hex16(varianted)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }

    private static func hex16(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}

extension RandomUUIDSourceAccountIDGenerator where Generator == SystemRandomNumberGenerator {
    /// Creates the production generator, drawing from the system's random source.
    public convenience init() {
        self.init(using: SystemRandomNumberGenerator())
    }
}

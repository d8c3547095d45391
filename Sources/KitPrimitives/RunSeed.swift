/// The one grammar for a run seed, wherever it is read (`--seed`, `EAS_SEED`, test fixtures): a
/// decimal or `0x`-prefixed hexadecimal unsigned 64-bit integer, surrounding spaces allowed.
///
/// ```swift
/// RunSeed.parse("42") == 42
/// RunSeed.parse("0x2a") == 42
/// try RunSeed.fromEnvironment(["EAS_SEED": "seven"])   // throws: EAS_SEED must be ...
/// ```
public enum RunSeed {
    /// The environment variable a seed is read from.
    public static let variable = "EAS_SEED"

    /// What a malformed seed is told.
    public static let grammar = "a decimal or 0x-hex unsigned 64-bit integer"

    /// The seed `text` writes, or nil when it is not one.
    public static func parse(_ text: String) -> UInt64? {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        let digits = String(trimmed)
        if digits.lowercased().hasPrefix("0x") { return UInt64(digits.dropFirst(2), radix: 16) }
        return UInt64(digits)
    }

    /// A malformed seed: the text and where it came from.
    public struct Malformed: Error, CustomStringConvertible {
        public var source: String
        public var text: String
        public var description: String { "\(source) must be \(RunSeed.grammar), got '\(text)'" }
    }

    /// `EAS_SEED` from `environment`: nil when absent, the seed, or ``Malformed`` (never a silent
    /// fallback to a random or default seed).
    public static func fromEnvironment(_ environment: [String: String]) throws(Malformed) -> UInt64? {
        guard let text = environment[variable] else { return nil }
        guard let seed = parse(text) else { throw Malformed(source: variable, text: text) }
        return seed
    }
}

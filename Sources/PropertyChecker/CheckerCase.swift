import KitPrimitives
import ConformanceKit

/// One generated case: its seed, the world it starts from, the command kinds swarm mode left on,
/// and the commands.
///
/// Everything is a function of the case seed (``CommandGenerator/makeCase(index:seed:)``); shrinking
/// keeps the seed and the world and changes only ``commands``.
public struct CheckerCase: Sendable, Hashable {
    /// The case's position in its run (0-based).
    public var index: Int
    /// The platform the implementation talks to: the mock Canvas, or the mock GitHub Classroom
    /// holding the translation of ``world`` (``SimulatedPlatform``).
    public var platform: SourcePlatform = .canvas
    /// The case seed, derived from the run seed (`SplitMix64.derive(runSeed, "case:<index>")`).
    public var seed: UInt64
    /// The world the case starts from, in Canvas terms (a GitHub Classroom case serves its
    /// translation, ``GitHubClassroomWorld/init(translating:)``).
    public var world: CheckerWorld
    /// The kinds the generator drew from (all of them unless swarm mode is on).
    public var enabledKinds: [CommandKind]
    /// The fault choices the generator drew from.
    public var enabledFaults: [FaultChoice]
    /// The commands, in order.
    public var commands: [CheckerCommand]

    /// The same case with other commands (a shrink candidate).
    public func with(commands: [CheckerCommand]) -> CheckerCase {
        var copy = self
        copy.commands = commands
        return copy
    }

    /// The seed of case `index` of the run with `runSeed`.
    public static func seed(runSeed: UInt64, index: Int) -> UInt64 {
        SplitMix64.derive(runSeed, "case:\(index)")
    }

    /// The seed as 16 hex digits (how reports print it).
    public var seedText: String { StableHash.hex(seed) }

    /// The case's name in reports and file names: `case-3` on Canvas, `case-3[github-classroom]`.
    public var name: String { "case-\(index)" + platform.reportSuffix }

    /// The platform of case `index` of the run with `runSeed`: the cases go in blocks of
    /// `platforms.count`, each block holding every platform once, rotated by a draw from the run seed.
    public static func platform(runSeed: UInt64, index: Int, among platforms: [SourcePlatform]) -> SourcePlatform {
        guard platforms.count > 1 else { return platforms.first ?? .canvas }
        let count = platforms.count
        let rotation = Int(SplitMix64.derive(runSeed, "platforms:\(index / count)") % UInt64(count))
        return platforms[(index % count + rotation) % count]
    }
}

extension CheckerCase: CustomStringConvertible {
    /// `case 3 on GitHub Classroom (seed 1f…): connect(…); sync(…)` (the world is left out: it
    /// follows from the seed; Canvas cases read `case 3 (seed …)`).
    public var description: String {
        "case \(index)\(platform == .canvas ? "" : " on \(platform.sourceType)") (seed \(seedText)): "
            + commands.map(\.description).joined(separator: "; ")
    }
}

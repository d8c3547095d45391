import KitPrimitives

/// One generated case: its seed, the world it starts from, the command kinds swarm mode left on,
/// and the commands.
///
/// Everything is a function of the case seed (``CommandGenerator/makeCase(index:seed:)``); shrinking
/// keeps the seed and the world and changes only ``commands``.
public struct CheckerCase: Sendable, Hashable {
    /// The case's position in its run (0-based).
    public var index: Int
    /// The case seed, derived from the run seed (`SplitMix64.derive(runSeed, "case:<index>")`).
    public var seed: UInt64
    /// The platform the case starts from.
    public var world: CheckerWorld
    /// The kinds the generator drew from (all of them unless swarm mode is on).
    public var enabledKinds: [CommandKind]
    /// The fault choices the generator drew from.
    public var enabledFaults: [FaultChoice]
    /// The commands, in order.
    public var commands: [CheckerCommand]

    public init(
        index: Int, seed: UInt64, world: CheckerWorld, enabledKinds: [CommandKind], enabledFaults: [FaultChoice],
        commands: [CheckerCommand]
    ) {
        self.index = index
        self.seed = seed
        self.world = world
        self.enabledKinds = enabledKinds
        self.enabledFaults = enabledFaults
        self.commands = commands
    }

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
}

extension CheckerCase: CustomStringConvertible {
    /// `case 3 (seed 1f…): connect(…); sync(…)` (the world is left out: it follows from the seed).
    public var description: String {
        "case \(index) (seed \(seedText)): " + commands.map(\.description).joined(separator: "; ")
    }
}

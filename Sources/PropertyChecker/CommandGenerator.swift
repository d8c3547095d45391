import KitPrimitives
import ConformanceKit

/// Draws checker cases and commands: the one generator shared by the standalone checker (seeded
/// with ``SplitMix64`` from the run seed) and by Swift Testing property checks (wrapped in a
/// swift-property-based `Generator`, drawing from its random source).
///
/// ```swift
/// let generator = CommandGenerator(steps: 40, swarm: true)
/// let first = generator.makeCase(index: 0, seed: CheckerCase.seed(runSeed: 42, index: 0))
/// ```
public struct CommandGenerator: Sendable {
    /// Commands per case.
    public var steps: Int
    /// Whether each case draws from a random subset of kinds and faults.
    public var swarm: Bool
    /// The kinds drawn from, with weights.
    public var weights: [(kind: CommandKind, weight: Int)]
    /// The faults drawn from.
    public var faults: [FaultChoice]
    /// Whether connects may name a base URL nothing listens on (slow: HTTP clients retry refused
    /// connections until their connect timeout).
    public var includeUnreachable: Bool

    public init(steps: Int = 40, swarm: Bool = true, includeSlowFaults: Bool = false, kinds: Set<CommandKind>? = nil) {
        self.steps = steps
        self.swarm = swarm
        weights = CommandKind.allCases.filter { kinds?.contains($0) ?? true }.map { ($0, $0.defaultWeight) }
        faults = FaultChoice.allCases.filter { includeSlowFaults || !$0.isSlow }
        includeUnreachable = includeSlowFaults
    }

    /// With slow faults on, the cases whose index is a multiple of this are the *slow cases*: the
    /// only ones that draw pure stalls and connects to a base URL nothing listens on, and each holds
    /// at most one pure stall (hitting one request). A stall drawn elsewhere is a stall then reset.
    /// So a run waits on the implementation's timeout at most `cases / slowCaseEvery` times, and
    /// every other case is exactly the case a run without slow faults draws.
    public static let slowCaseEvery = 10

    /// Whether this generator draws slow faults at all.
    public var drawsSlowFaults: Bool { includeUnreachable || faults.contains { $0.isSlow } }

    /// Whether case `index` may hold slow faults.
    public func isSlowCase(_ index: Int) -> Bool { drawsSlowFaults && index % Self.slowCaseEvery == 0 }

    /// This generator without the slow faults.
    var withoutSlowFaults: CommandGenerator {
        var copy = self
        copy.faults.removeAll { $0.isSlow }
        copy.includeUnreachable = false
        return copy
    }

    /// Case `index` of a run: world, swarm subset and commands, all from `seed`; the same on every
    /// platform (commands with no meaning on `platform` resolve to nothing when they run).
    public func makeCase(index: Int, seed: UInt64, platform: SourcePlatform = .canvas) -> CheckerCase {
        if drawsSlowFaults && !isSlowCase(index) {
            return withoutSlowFaults.makeCase(index: index, seed: seed, platform: platform)
        }
        var rng = SplitMix64(seed: SplitMix64.derive(seed, "commands"))
        let (kinds, faultChoices) = swarmSelection(using: &rng)
        var pureStalls = 0
        let commands = (0..<steps).map { _ -> CheckerCommand in
            // One pure stall per slow case, hitting one request; any other stall ends with a reset.
            let drawn = command(kinds: kinds, faults: faultChoices, using: &rng)
            guard case .fault(var plan) = drawn, plan.choice == .stall else { return drawn }
            pureStalls += 1
            if pureStalls == 1 { plan.count = 1 } else { plan.choice = .stallThenReset }
            return .fault(plan)
        }
        return CheckerCase(
            index: index, platform: platform, seed: seed, world: CheckerWorld.generate(seed: seed), enabledKinds: kinds.map(\.kind),
            enabledFaults: faultChoices, commands: commands)
    }

    /// The kinds and faults one case draws from: everything, or (swarm) each non-core kind and each
    /// fault with probability ½, never none.
    public func swarmSelection<R: RandomNumberGenerator>(using rng: inout R) -> ([(kind: CommandKind, weight: Int)], [FaultChoice]) {
        guard swarm else { return (weights, faults) }
        var kinds = weights.filter { CommandKind.core.contains($0.kind) || Bool.random(using: &rng) }
        if kinds.isEmpty { kinds = weights }
        var chosen = faults.filter { _ in Bool.random(using: &rng) }
        if chosen.isEmpty, let any = faults.randomElement(using: &rng) { chosen = [any] }
        return (kinds, chosen)
    }

    /// One command of a kind drawn by weight.
    public func command<R: RandomNumberGenerator>(
        kinds: [(kind: CommandKind, weight: Int)], faults: [FaultChoice], using rng: inout R
    ) -> CheckerCommand {
        let total = kinds.reduce(0) { $0 + $1.weight }
        var pick = Int.random(in: 0..<max(1, total), using: &rng)
        var kind = kinds.first?.kind ?? .sync
        for entry in kinds {
            if pick < entry.weight {
                kind = entry.kind
                break
            }
            pick -= entry.weight
        }
        return command(of: kind, faults: faults, using: &rng)
    }

    /// One command of `kind` with random arguments.
    public func command<R: RandomNumberGenerator>(of kind: CommandKind, faults: [FaultChoice], using rng: inout R) -> CheckerCommand {
        func small(_ bound: Int = 4) -> Int { Int.random(in: 0..<bound, using: &rng) }
        func source() -> SourceRef {
            let roll = small(10)
            return roll < 8 ? .connected(small()) : roll < 9 ? .disconnected(small()) : .unknown
        }
        func assignment() -> AssignmentRef { AssignmentRef(small(64)) }
        func token() -> TokenRef { small(10) == 0 ? .bogus : .issued(small(4)) }
        switch kind {
        case .connect:
            return .connect(ConnectArguments(
                owner: small(10) < 7 ? 0 : 1, name: [0, 0, 0, 1, 1, 2][small(6)], token: token(),
                reachable: small(20) != 0 || !includeUnreachable, supportedType: small(20) != 0))
        case .disconnect: return .disconnect(source())
        case .poll: return .poll(source())
        case .identify:
            let inputs: [IdentifyInput] = [
                .asPolled, .perturbed(UInt16.random(in: 0...UInt16.max, using: &rng)),
                .fromMappings(TimestampShift.allCases[small(TimestampShift.allCases.count)]), .empty,
            ]
            return .identify(source(), inputs[[0, 1, 1, 2, 2, 3][small(6)]])
        case .record:
            return .record(source(), assignment(), internalNumber: small(1000), shift: TimestampShift.allCases[small(TimestampShift.allCases.count)])
        case .getSources: return .getSources(owner: small(2))
        case .getMapped: return .getMapped(source(), assignment())
        case .getAssignments: return .getAssignments(source())
        case .addAssignment: return .addAssignment(course: small(), published: small(5) != 0)
        case .renameAssignment: return .renameAssignment(assignment())
        case .moveDueDate: return .moveDueDate(assignment(), hours: [-48, -1, 0, 1, 24, 168][small(6)])
        case .deleteAssignment: return .deleteAssignment(assignment())
        case .publishAssignment: return .publishAssignment(assignment())
        case .unpublishAssignment: return .unpublishAssignment(assignment())
        case .setTimestampStyle: return .setTimestampStyle(small(CheckerWorld.timestampStyles.count))
        case .revokeToken: return .revokeToken(token())
        case .expireToken: return .expireToken(token())
        case .issueToken: return .issueToken(user: small(2))
        case .addCourse: return .addCourse(user: small(2), assignments: [0, 3, 12][small(3)])
        case .advanceClock: return .advanceClock(milliseconds: [250, 1000, 30_000, 600_000, 3_600_000, 86_400_000][small(6)])
        case .fault:
            // A family first (status, throttle, transport, ... weigh the same), then a variant.
            let families = FaultChoice.families(of: faults)
            guard !families.isEmpty else { return .advanceClock(milliseconds: 1000) }
            let family = families[small(families.count)]
            let choice = family[small(family.count)]
            return .fault(FaultPlan(choice, count: [1, 1, 1, 2, 3][small(5)], skip: [0, 0, 1, 1, 2, 3][small(6)]))
        case .sync: return .sync(.connected(small()), crashAfter: nil)
        case .syncWithCrash: return .sync(.connected(small()), crashAfter: 1 + small(3))
        case .restart: return .restart
        case .concurrent: return concurrentPhase(using: &rng)
        }
    }

    /// A concurrent phase of 2–4 clients, drawn from three shapes whose final state is the same in
    /// every order, so a correct implementation ends in one state whatever the scheduler does:
    /// - *the same calls on every client* (a double click, two tabs, two sync workers, a retry racing
    ///   the original): the same connect, record, disconnect, poll or poll-then-record;
    /// - *one writer and readers*: one client acts, the others query the same source and owner;
    /// - *a delink race*: one client disconnects a source while the others record, poll or identify on it.
    ///
    /// Each kind of phase is one a correct implementation ends in one state from, whatever the
    /// interleaving, so the history digest (which holds the calls, not their answers) and the state
    /// after the phase stay a function of the seed.
    public func concurrentPhase<R: RandomNumberGenerator>(using rng: inout R) -> CheckerCommand {
        func small(_ bound: Int = 4) -> Int { Int.random(in: 0..<bound, using: &rng) }
        let clients = 2 + small(3)
        let source = SourceRef.connected(small())
        let owner = small(10) < 7 ? 0 : 1
        func record() -> CheckerCommand {
            // Mostly an assignment the source has no mapping for yet: two first records are the race.
            .record(source, AssignmentRef(small(64), unmapped: small(4) != 0), internalNumber: small(1000), shift: TimestampShift.allCases[small(TimestampShift.allCases.count)])
        }
        func action() -> [CheckerCommand] {
            switch small(6) {
            case 0, 1: [.connect(ConnectArguments(owner: owner, name: [0, 0, 1, 2][small(4)], token: .issued(small(4))))]
            case 2: [record()]
            case 3: [.disconnect(source)]
            case 4: [.poll(source)]
            default: [.poll(source), record()]
            }
        }
        switch small(5) {
        case 0, 1:
            let calls = action()
            return .concurrently(Array(repeating: calls, count: clients))
        case 2:
            let readers: [CheckerCommand] = [.getSources(owner: owner), .getAssignments(source), .getMapped(source, AssignmentRef(small(64)))]
            return .concurrently([action()] + (1..<clients).map { _ in [readers[small(readers.count)], readers[small(readers.count)]] })
        default:
            let racers: [CheckerCommand] = [record(), record(), .poll(source), .identify(source, .asPolled)]
            // The disconnect is sent last, so the others are usually already past their checks.
            return .concurrently((1..<clients).map { _ in [racers[small(racers.count)]] } + [[.disconnect(source)]])
        }
    }
}

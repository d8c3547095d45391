import ConformanceKit
/// Shrinks a failing command sequence greedily (as QuickCheck and swift-property-based do): try
/// candidates from most to least shrunk, keep the first that still fails the same way, repeat.
///
/// Candidates, in order: the prefix up to the failing step; the sequence with chunks removed
/// (halves, quarters, … single commands); then each command simplified (first source, first token,
/// one request, no crash, …). Symbolic references keep every candidate runnable.
///
/// A stall the implementation did not abandon (`stall-not-abandoned`) is shrunk only to that prefix:
/// every candidate that still fails waits out the whole call timeout, and the rule it breaks is
/// about one call, which the prefix ends with.
public struct Shrinker: Sendable {
    /// The most candidate runs one shrink may take.
    public var maxRuns: Int

    public init(maxRuns: Int = 400) {
        self.maxRuns = maxRuns
    }

    /// What shrinking came to.
    public struct Result: Sendable {
        /// The smallest failing case found.
        public var checkerCase: CheckerCase
        /// Its outcome (failing the same way as the original).
        public var outcome: CaseOutcome
        /// Candidate runs made.
        public var runs: Int
        /// Candidates accepted.
        public var steps: Int
    }

    /// Shrinks `outcome`'s case, re-running candidates with `run`.
    public func shrink(_ outcome: CaseOutcome, run: (CheckerCase) async -> CaseOutcome) async -> Result {
        guard let target = outcome.violation else { return Result(checkerCase: outcome.checkerCase, outcome: outcome, runs: 0, steps: 0) }
        var best = outcome
        var runs = 0
        var accepted = 0
        let maxRuns = target.code == .stallNotAbandoned ? min(maxRuns, 1) : maxRuns
        search: while runs < maxRuns {
            let current = best.checkerCase.commands
            for candidate in Self.candidates(current, failure: best.violation ?? target) where candidate != current {
                guard runs < maxRuns else { break search }
                runs += 1
                let attempt = await run(best.checkerCase.with(commands: candidate))
                if let violation = attempt.violation, violation.code == target.code {
                    best = attempt
                    accepted += 1
                    continue search
                }
            }
            break
        }
        return Result(checkerCase: best.checkerCase, outcome: best, runs: runs, steps: accepted)
    }

    /// Shrink candidates for `commands` that failed with `failure`, most shrunk first.
    public static func candidates(_ commands: [CheckerCommand], failure: Violation) -> [[CheckerCommand]] {
        var out: [[CheckerCommand]] = []
        if failure.phase == .commands, failure.step > 0, failure.step < commands.count {
            out.append(Array(commands.prefix(failure.step)))
        }
        var size = commands.count / 2
        while size >= 1 {
            var start = 0
            while start < commands.count {
                var candidate = commands
                candidate.removeSubrange(start..<min(start + size, commands.count))
                out.append(candidate)
                start += size
            }
            size /= 2
        }
        for index in commands.indices {
            for simpler in simplifications(of: commands[index]) {
                var candidate = commands
                candidate[index] = simpler
                out.append(candidate)
            }
        }
        return out
    }

    /// Simpler versions of one command (smaller indices, fewer requests, no crash), simplest first.
    public static func simplifications(of command: CheckerCommand) -> [CheckerCommand] {
        var out: [CheckerCommand] = []
        func add(_ candidate: CheckerCommand) { if candidate != command, !out.contains(candidate) { out.append(candidate) } }
        switch command {
        case .connect(let a):
            add(.connect(ConnectArguments(owner: 0, name: 0, token: .issued(0))))
            var b = a
            b.reachable = true
            b.supportedType = true
            add(.connect(b))
            b.token = a.token == .bogus ? .bogus : .issued(0)
            add(.connect(b))
            b.owner = 0
            add(.connect(b))
        case .disconnect(let s): simpler(s).forEach { add(.disconnect($0)) }
        case .poll(let s): simpler(s).forEach { add(.poll($0)) }
        case .identify(let s, let input):
            add(.identify(s, .asPolled))
            if case .fromMappings(let shift) = input, shift != .same { add(.identify(s, .fromMappings(.same))) }
            simpler(s).forEach { add(.identify($0, input)) }
        case .record(let s, let a, let n, let shift):
            add(.record(s, AssignmentRef(0, unmapped: a.unmapped), internalNumber: 0, shift: shift))
            add(.record(s, a, internalNumber: 0, shift: .same))
            simpler(s).forEach { add(.record($0, a, internalNumber: n, shift: shift)) }
        case .getMapped(let s, let a):
            add(.getMapped(s, AssignmentRef(0)))
            simpler(s).forEach { add(.getMapped($0, a)) }
        case .getAssignments(let s): simpler(s).forEach { add(.getAssignments($0)) }
        case .getSources(let owner) where owner != 0: add(.getSources(owner: 0))
        case .fault(let plan):
            add(.fault(FaultPlan(plan.choice, count: 1, skip: 0)))
            if plan.skip > 0 { add(.fault(FaultPlan(plan.choice, count: plan.count, skip: 0))) }
        case .sync(let s, let crash):
            if crash != nil { add(.sync(s, crashAfter: nil)) }
            if let crash, crash > 1 { add(.sync(s, crashAfter: 1)) }
            simpler(s).forEach { add(.sync($0, crashAfter: crash)) }
        case .advanceClock(let ms) where ms != 1000: add(.advanceClock(milliseconds: 1000))
        case .addCourse(let user, let count) where count > 0: add(.addCourse(user: user, assignments: 0))
        case .renameAssignment(let a) where a.index > 0: add(.renameAssignment(AssignmentRef(0)))
        case .deleteAssignment(let a) where a.index > 0: add(.deleteAssignment(AssignmentRef(0)))
        case .publishAssignment(let a) where a.index > 0: add(.publishAssignment(AssignmentRef(0)))
        case .unpublishAssignment(let a) where a.index > 0: add(.unpublishAssignment(AssignmentRef(0)))
        case .moveDueDate(let a, let hours):
            if a.index > 0 { add(.moveDueDate(AssignmentRef(0), hours: hours)) }
            if hours != 1 { add(.moveDueDate(a, hours: 1)) }
        case .concurrently(let lanes):
            // Fewer clients, then fewer calls, then simpler calls: never fewer than two clients,
            // so what shrinking keeps is still a race.
            if lanes.count > 2 {
                for index in lanes.indices { add(.concurrently(lanes.enumerated().filter { $0.offset != index }.map(\.element))) }
            }
            for (lane, calls) in lanes.enumerated() where calls.count > 1 {
                for index in calls.indices {
                    var fewer = lanes
                    fewer[lane].remove(at: index)
                    add(.concurrently(fewer))
                }
            }
            if let first = lanes.first, lanes.allSatisfy({ $0 == first }) {
                // The same calls on every client: simplify them on every client at once.
                for (index, call) in first.enumerated() {
                    for simpler in simplifications(of: call) {
                        var changed = first
                        changed[index] = simpler
                        add(.concurrently(Array(repeating: changed, count: lanes.count)))
                    }
                }
            }
            for (lane, calls) in lanes.enumerated() {
                for (index, call) in calls.enumerated() {
                    for simpler in simplifications(of: call) {
                        var changed = lanes
                        changed[lane][index] = simpler
                        add(.concurrently(changed))
                    }
                }
            }
        case .revokeToken(.issued(let k)) where k > 0: add(.revokeToken(.issued(0)))
        case .expireToken(.issued(let k)) where k > 0: add(.expireToken(.issued(0)))
        default: break
        }
        return out
    }

    static func simpler(_ ref: SourceRef) -> [SourceRef] {
        switch ref {
        case .connected(let k) where k > 0: [.connected(0)]
        case .disconnected(let k): k > 0 ? [.unknown, .disconnected(0)] : [.unknown]
        default: []
        }
    }
}

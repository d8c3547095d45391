import ConceptValues
import KitPrimitives
import ConformanceKit

/// Whether a concurrent phase's answers could have come from one call at a time: an order of the
/// calls, consistent with real time (a call that ended before another began comes first), in which
/// the model allows every answer. This is Wing and Gong's search with Lowe's memoization of
/// (calls taken, model state), as Knossos and Porcupine run it.
///
/// The search runs per partition (Herlihy and Wing's locality): calls about different owners touch
/// disjoint parts of the state, so each owner's calls are searched alone, from the same start. It
/// keeps every distinct final state it finds (up to ``maxFinals``): two records of one mapping
/// answer `{}` in either order, so the answers alone may not pin the state, and the probe after the
/// phase chooses among them. A search that takes more than ``bound`` steps gives up with an honest
/// ``Verdict/unknown(explored:)``.
///
/// ```swift
/// let search = Linearizability(calls: phase, context: { model, call in context(for: call, in: model) })
/// for partition in search.partitions(from: model) {
///     switch search.check(partition.calls, from: model) { ... }
/// }
/// ```
public struct Linearizability {
    /// The phase's answered calls.
    public var calls: [ConcurrentCall]
    /// What the platform looks like to `call` when the model is in a given state (the platform
    /// does not change during a phase; only the model, through the ledger, does).
    public var context: (SyncModel, ConceptCall) -> PlatformContext
    /// The most (calls taken, state) pairs one partition's search visits.
    public var bound = Linearizability.defaultBound

    /// The default ``bound``: far above what the checker's phases (at most 4 clients × 2 calls) need.
    public static let defaultBound = 200_000
    /// The most distinct final states kept per partition.
    public var maxFinals = 32

    public init(calls: [ConcurrentCall], context: @escaping (SyncModel, ConceptCall) -> PlatformContext) {
        self.calls = calls
        self.context = context
    }

    /// One order that explains every answer of a partition, and the state it ends in.
    public struct Linearization: Sendable, Hashable {
        /// Indices into ``Linearizability/calls``, in the order they took effect.
        public var order: [Int]
        public var model: SyncModel
    }

    /// A call no order could place next, and why.
    public struct Refusal: Sendable, Hashable {
        public var call: Int
        public var mismatch: Mismatch
    }

    /// How a partition's search ended.
    public enum Verdict: Sendable {
        /// Orders that explain every answer, one per distinct final state, in the order found.
        case linearizable([Linearization])
        /// No order does: the longest prefix some order explained, and why each call that could
        /// have come next was refused there.
        case violated(prefix: [Int], refused: [Refusal])
        /// The search gave up after visiting this many states.
        case unknown(explored: Int)
    }

    /// A set of calls about one owner (`owner` is empty for calls about a source nobody owns).
    public struct Partition: Sendable, Hashable {
        public var owner: String
        public var calls: [Int]
    }

    /// The calls grouped by the owner they concern, owners in first-call order.
    public func partitions(from model: SyncModel) -> [Partition] {
        var out: [Partition] = []
        for (index, call) in calls.enumerated() {
            let owner = Self.owner(of: call.call, in: model)
            if let at = out.firstIndex(where: { $0.owner == owner }) { out[at].calls.append(index) } else { out.append(Partition(owner: owner, calls: [index])) }
        }
        return out
    }

    /// The owner a call concerns: connect's and `_getSourcesForUser`'s argument, else the owner of
    /// the source named (connected or disconnected), else "".
    static func owner(of call: ConceptCall, in model: SyncModel) -> String {
        switch call {
        case .connectSource(let owner, _, _, _): return owner
        case .getSourcesForUser(let user): return user
        case .disconnectSource(let id), .pollExternalSource(let id), .identifyChanges(let id, _), .recordInternalSync(let id, _, _, _),
            .getMappedInternalId(_, let id), .getAssignmentsForSource(let id):
            return model.source(id)?.owner ?? model.disconnected.first { $0.id == id }?.owner ?? ""
        }
    }

    /// Searches the calls at `indices` from `model`.
    public func check(_ indices: [Int], from model: SyncModel) -> Verdict {
        guard indices.count <= 64 else { return .unknown(explored: 0) }
        var search = Search(owner: self, indices: indices)
        search.visit(mask: 0, model: model, order: [])
        if search.gaveUp { return .unknown(explored: search.explored) }
        if search.finals.isEmpty { return .violated(prefix: search.deepest.prefix, refused: search.deepest.refused) }
        return .linearizable(search.finals)
    }

    /// The depth-first search over (calls taken, model state).
    private struct Search {
        let owner: Linearizability
        let indices: [Int]
        var visited = Set<State>()
        var finals: [Linearization] = []
        var explored = 0
        var gaveUp = false
        var deepest: (prefix: [Int], refused: [Refusal]) = ([], [])

        struct State: Hashable {
            var mask: UInt64
            var model: SyncModel
        }

        init(owner: Linearizability, indices: [Int]) {
            self.owner = owner
            self.indices = indices
        }

        var done: Bool { gaveUp || finals.count >= owner.maxFinals }

        mutating func visit(mask: UInt64, model: SyncModel, order: [Int]) {
            if mask == (indices.count == 64 ? UInt64.max : (UInt64(1) << indices.count) - 1) {
                if !finals.contains(where: { $0.model == model }) { finals.append(Linearization(order: order, model: model)) }
                return
            }
            guard visited.insert(State(mask: mask, model: model)).inserted else { return }
            explored += 1
            if explored > owner.bound {
                gaveUp = true
                return
            }
            var refused: [Refusal] = []
            for (bit, index) in indices.enumerated() where mask & (1 << bit) == 0 && isMinimal(bit, mask: mask) {
                let call = owner.calls[index]
                guard let result = call.result else { continue }
                let platform = owner.context(model, call.call)
                if let mismatch = model.expectation(for: call.call, platform: platform).judge(result, policy: model.policy) {
                    refused.append(Refusal(call: index, mismatch: mismatch))
                    continue
                }
                var next = model
                next.apply(call.call, result: result, platform: platform)
                visit(mask: mask | (1 << bit), model: next, order: order + [index])
                if done { return }
            }
            if !refused.isEmpty, order.count >= deepest.prefix.count, finals.isEmpty {
                if order.count > deepest.prefix.count || deepest.refused.isEmpty { deepest = (order, refused) }
            }
        }

        /// Whether no call still to take ended before call `bit` began.
        func isMinimal(_ bit: Int, mask: UInt64) -> Bool {
            let call = owner.calls[indices[bit]]
            for (other, index) in indices.enumerated() where other != bit && mask & (1 << other) == 0 {
                if owner.calls[index].precedes(call) { return false }
            }
            return true
        }
    }
}

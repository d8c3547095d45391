import KitPrimitives
import Synchronization
import ConformanceKit

/// One call of a concurrent phase as it ran: which client made it, what it answered, and when it was
/// invoked and completed on the phase's shared sequence (Jepsen's invoke and ok/fail events).
///
/// `invoked` and `completed` are ticks of one counter that every client reads just before sending
/// and just after the answer arrived, so `a.completed < b.invoked` means `a` really ended before `b`
/// began: the real-time order a linearization must respect. Calls whose intervals overlap may be
/// ordered either way.
public struct ConcurrentCall: Sendable, Hashable {
    /// What came back.
    public enum Outcome: Sendable, Hashable {
        /// An answer to judge.
        case answered(ConceptResult)
        /// No answer (the harness error's code and message).
        case unanswered(HarnessError)
    }

    /// The client (0-based).
    public var client: Int
    /// The call's position among its client's calls (0-based).
    public var position: Int
    public var call: ConceptCall
    public var outcome: Outcome
    /// The tick just before the call was sent.
    public var invoked: Int
    /// The tick just after its answer arrived.
    public var completed: Int

    public init(client: Int, position: Int, call: ConceptCall, outcome: Outcome, invoked: Int, completed: Int) {
        self.client = client
        self.position = position
        self.call = call
        self.outcome = outcome
        self.invoked = invoked
        self.completed = completed
    }

    /// The answer, when there is one.
    public var result: ConceptResult? {
        if case .answered(let result) = outcome { return result }
        return nil
    }

    /// Whether this call ended before `other` began.
    public func precedes(_ other: ConcurrentCall) -> Bool { completed < other.invoked }
}

/// The shared sequence a concurrent phase's clients read their ticks from.
package final class PhaseClock: Sendable {
    private let counter = Mutex(0)

    /// The next tick (1, 2, …).
    package func tick() -> Int {
        counter.withLock { value in
            value += 1
            return value
        }
    }
}

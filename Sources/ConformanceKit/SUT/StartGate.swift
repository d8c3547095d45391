import Synchronization

/// Starts concurrent clients in their order, back to back: client `k` sends its first call as soon
/// as client `k - 1` has sent its own, without waiting for any answer. Tasks of a group are
/// scheduled in no particular order, and on a busy machine one client can be done before another
/// is scheduled at all; a race written as "record, then disconnect" must be sent in that order to
/// overlap the same way again, in the checker and in a replay.
///
/// ```swift
/// let gate = StartGate()
/// group.addTask { await gate.start(client); await implementation.perform(call) }
/// ```
package final class StartGate: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    package init() {}

    /// Returns once every client before `client` has started; marks `client` started.
    package func start(_ client: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready: CheckedContinuation<Void, Never>? = state.withLock { state in
                if state.next == client { return continuation }
                state.waiting[client] = continuation
                return nil
            }
            ready?.resume()
        }
        let following: CheckedContinuation<Void, Never>? = state.withLock { state in
            state.next = client + 1
            return state.waiting.removeValue(forKey: client + 1)
        }
        following?.resume()
    }
}

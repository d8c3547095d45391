import Synchronization

/// Wakes tasks waiting for a mock's journal to reach a sequence number.
final class ArrivalSignal: Sendable {
    private struct State {
        var reached = 0
        var waiters: [(sequence: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }
    private let state = Mutex(State())

    /// Records that request `sequence` was journaled and wakes whoever waited for it.
    func reached(_ sequence: Int) {
        let ready = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.reached = max(s.reached, sequence)
            let due = s.waiters.filter { $0.sequence <= s.reached }.map(\.continuation)
            s.waiters.removeAll { $0.sequence <= s.reached }
            return due
        }
        for continuation in ready { continuation.resume() }
    }

    /// Returns once `sequence` is reached (`seen` is what the journal already holds).
    func wait(for sequence: Int, seen: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                s.reached = max(s.reached, seen)
                guard s.reached < sequence else { return true }
                s.waiters.append((sequence, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}

import Foundation
import Synchronization
import Testing

@testable import KitPrimitives

/// ``Lifeline``: a watcher kills its group once every write end of its lifeline is closed, which is
/// what the kernel does when the process holding it dies; a released watcher is gone.
@Suite struct LifelineTests {
    /// A `sleep` in a process group of its own (``ChildProcess`` makes one per child).
    static func sleepingGroup() throws -> ChildProcess {
        try ChildProcess.spawn("/bin/sleep", ["300"])
    }

    /// Whether `group` still has a process, waiting (up to a minute, for a busy machine) for it to go.
    static func groupIsGone(_ group: pid_t) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if kill(-group, 0) == -1, errno == ESRCH { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func aWatcherKillsItsGroupWhenTheLifelineCloses() async throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let child = try Self.sleepingGroup()
        let group = child.processIdentifier
        #expect(getpgid(group) == group, "the child leads a group of its own")
        let watcher = try #require(Lifeline.spawnWatcher(for: group, lifeline: ends[0]))
        close(ends[0])
        #expect(kill(-group, 0) == 0, "the group lives while the lifeline is open")
        // What the kernel does to a dying parent's descriptors: the last write end closes.
        close(ends[1])
        // The killed child stays a zombie (a member of its group) until reaped: reap it as it dies.
        let deadline = ContinuousClock.now + .seconds(60)
        while child.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        #expect(await Self.groupIsGone(group), "the watcher killed the group")
        #expect(child.waitUntilExit() == SIGKILL && child.wasSignaled)
        var status: Int32 = 0
        #expect(waitpid(watcher, &status, 0) == watcher, "the watcher exits after killing the group")
    }

    @Test func aReleasedWatcherIsGoneAndTheGroupLives() async throws {
        let child = try Self.sleepingGroup()
        defer {
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
        }
        let watcher = try #require(Lifeline.watch(processGroup: child.processIdentifier))
        #expect(Lifeline.activeWatchers.contains(watcher))
        #expect(kill(watcher.pid, 0) == 0, "the watcher runs")
        watcher.release()
        #expect(!Lifeline.activeWatchers.contains(watcher))
        #expect(kill(watcher.pid, 0) == -1 && errno == ESRCH, "the watcher was stopped and reaped")
        #expect(kill(child.processIdentifier, 0) == 0, "releasing never touches the group")
        watcher.release()  // a second release does nothing
    }

    @Test func watchersOfEmptiedGroupsArePrunedByTheNextWatch() async throws {
        let first = try Self.sleepingGroup()
        let firstWatcher = try #require(Lifeline.watch(processGroup: first.processIdentifier))
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let second = try Self.sleepingGroup()
        defer {
            kill(second.processIdentifier, SIGKILL)
            second.waitUntilExit()
        }
        let secondWatcher = try #require(Lifeline.watch(processGroup: second.processIdentifier))
        defer { secondWatcher.release() }
        #expect(!Lifeline.activeWatchers.contains(firstWatcher), "the emptied group's watcher was stopped")
        #expect(kill(firstWatcher.pid, 0) == -1 && errno == ESRCH)
    }

    /// Several threads at once: once a `watch` returns, the watcher of a group emptied before it
    /// began is dead, whichever thread pruned it (the pruning thread that lost the race used to
    /// return while the winner had not killed it yet).
    @Test func aWatcherPrunedByAnotherThreadIsDeadWhenWatchReturns() throws {
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for round in 0..<8 {
                guard let first = try? Self.sleepingGroup(),
                    let watcher = Lifeline.watch(processGroup: first.processIdentifier)
                else { return failures.withLock { $0.append("thread \(thread): could not start") } }
                kill(first.processIdentifier, SIGKILL)
                first.waitUntilExit()
                guard let second = try? Self.sleepingGroup() else { return }
                let secondWatcher = Lifeline.watch(processGroup: second.processIdentifier)
                if kill(watcher.pid, 0) == 0 {
                    failures.withLock { $0.append("thread \(thread) round \(round): watcher \(watcher.pid) alive") }
                }
                kill(second.processIdentifier, SIGKILL)
                second.waitUntilExit()
                secondWatcher?.release()
            }
        }
        #expect(failures.withLock { $0 } == [])
    }
}

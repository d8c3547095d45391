import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes every process group the kit starts die with the kit, however the kit dies (a normal exit,
/// a crash, `kill -9`).
///
/// The process holds the write end of one pipe for as long as it lives and never writes to it (its
/// descriptor is close-on-exec, so no child inherits it). For each child process group it starts
/// (a served implementation, a restart command's shell and whatever that shell leaves running), it
/// also starts a *watcher*: `/bin/sh` reading that pipe on its standard input. The read returns
/// only when the write end closes, which the kernel does when this process ends for any reason;
/// the watcher then kills the whole group. `PR_SET_PDEATHSIG` cannot do this for the kit: it fires
/// when the *thread* that started the child exits, and the kit's threads come and go.
///
/// ```swift
/// let child = try ChildProcess.spawn("/usr/bin/server", ["--port", "0"])   // a group of its own
/// let watcher = Lifeline.watch(processGroup: child.processIdentifier)
/// …
/// watcher?.release()   // once the child is reaped: a later process with that id is never hit
/// ```
public enum Lifeline {
    /// The pipe's read end (the watchers' standard input) and write end (held until exit).
    private static let pipeEnds: (read: Int32, write: Int32)? = {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }()

    /// Watchers by the group they guard.
    private static let watchers = Mutex<[pid_t: pid_t]>([:])

    /// A running watcher; ``release()`` stops it.
    public struct Watcher: Sendable, Hashable {
        /// The watcher's process id.
        public let pid: pid_t
        /// The group it kills when the kit dies.
        public let processGroup: pid_t

        /// Stops the watcher (call it once the guarded group is gone, e.g. its leader was reaped).
        /// Releasing twice, or a watcher already stopped, does nothing.
        public func release() {
            Lifeline.watchers.withLock { watchers in
                guard watchers[processGroup] == pid else { return }
                watchers[processGroup] = nil
                Lifeline.stop(pid)
            }
        }
    }

    /// Starts a watcher that kills process group `processGroup` when this process dies; nil when it
    /// cannot be started (the group then lives on if the kit crashes, as before). Watchers of groups
    /// that have since emptied are stopped first, so restart commands run many times leave no pile.
    @discardableResult
    public static func watch(processGroup: pid_t) -> Watcher? {
        guard processGroup > 1, let ends = pipeEnds else { return nil }
        pruneEmptyGroups()
        guard let pid = spawnWatcher(for: processGroup, lifeline: ends.read) else { return nil }
        watchers.withLock { watchers in
            if let replaced = watchers[processGroup] { stop(replaced) }
            watchers[processGroup] = pid
        }
        return Watcher(pid: pid, processGroup: processGroup)
    }

    /// The watchers now running (for tests).
    public static var activeWatchers: [Watcher] {
        watchers.withLock { $0.map { Watcher(pid: $0.value, processGroup: $0.key) } }
    }

    /// Stops the watchers whose group has no process left.
    ///
    /// Watchers leave the table and die under one lock: a watcher another thread is pruning is
    /// either still in the table or already reaped, never gone from the table but alive (a CI run
    /// saw that when two threads pruned at once and the loser returned before the winner's kill).
    static func pruneEmptyGroups() {
        watchers.withLock { watchers in
            for (group, pid) in watchers where kill(-group, 0) == -1 && errno == ESRCH {
                watchers[group] = nil
                stop(pid)
            }
        }
    }

    /// Kills a watcher and reaps it (SIGKILL ends it at once, so the wait is short; callers hold
    /// the table's lock, so that no thread sees a watcher gone from the table before it is dead).
    private static func stop(_ pid: pid_t) {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    }

    /// `/bin/sh -c 'read _; kill -KILL -GROUP'` with `lifeline` as standard input.
    static func spawnWatcher(for processGroup: pid_t, lifeline: Int32) -> pid_t? {
        // `read` returns only at end of file: when every write end is closed, i.e. the kit is gone.
        spawnShell("read _; kill -KILL -\(processGroup)", standardInput: lifeline)
    }

    /// Starts `/bin/sh -c command` in a process group of its own (``ChildProcess``), with
    /// `standardInput` (or `/dev/null`) as its input, output and errors on `/dev/null`, every
    /// inheritable descriptor above 2 closed, default signal dispositions and an empty mask (the kit
    /// ignores or handles some signals, and ignored ones would otherwise pass to the shell and what
    /// it starts); nil when it cannot be started. The caller reaps it (`waitpid`).
    public static func spawnShell(_ command: String, standardInput: Int32? = nil) -> pid_t? {
        (try? ChildProcess.spawn("/bin/sh", ["-c", command], input: standardInput))?.processIdentifier
    }
}

import Foundation
import KitPrimitives

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `/bin/sh -c COMMAND` and waits for the shell itself to exit, even when the command leaves a
/// server running in the background.
///
/// Foundation's `Process` cannot do that on Linux: it learns that a child exited when a socket it
/// hands to the child closes, and a background job the shell starts inherits that socket, so
/// `waitUntilExit()` waits for the server too (forever). This spawns the shell with `posix_spawn`,
/// with standard input, output and error on `/dev/null`, every inheritable descriptor above 2
/// closed, default signal dispositions and an empty signal mask, in a process group of its own, and
/// waits for it with `waitpid`. A ``Lifeline`` watcher guards the group, so what the command leaves
/// running (a restarted server) is killed when the kit ends, even by a crash or `kill -9`.
///
/// ```swift
/// let status = await ShellCommand.run("kill -9 $(cat eas.pid); ./start-eas.sh &", within: .seconds(60))
/// ```
public enum ShellCommand {
    /// The shell's exit status (128 + signal number if a signal ended it), -1 if it could not be
    /// started, or nil when it ran longer than `timeout` (its process group is then killed).
    public static func run(_ command: String, within timeout: Duration) async -> Int32? {
        guard let pid = spawn(command) else { return -1 }
        let watcher = Lifeline.watch(processGroup: pid)
        defer {
            // Nothing left in the group (the command left nothing running): no watcher needed.
            if kill(-pid, 0) == -1, errno == ESRCH { watcher?.release() }
        }
        return await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await exitStatus(of: pid) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil { kill(-pid, SIGKILL) }  // the shell's whole group; waitpid then returns
            group.cancelAll()
            _ = await group.next()
            return first
        }
    }

    /// Starts the shell, or nil when it cannot be started.
    static func spawn(_ command: String) -> pid_t? { Lifeline.spawnShell(command) }

    /// Waits for `pid` on a dispatch thread (never on the cooperative pool).
    static func exitStatus(of pid: pid_t) async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                let signal = status & 0x7f
                continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            }
        }
    }
}

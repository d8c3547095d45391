import Foundation
import KitPrimitives

/// Restarts an implementation the kit reaches over HTTP: the kill-and-start half of the crash-restart
/// fault (``RestartingImplementationProvider`` adds the wait until it answers again).
///
/// The kit has two: ``ManagedProcess`` (a process the kit started: SIGKILL, then the same command
/// again) and ``ShellRestartHook`` (a command of yours, e.g. `--sut-restart-cmd 'docker restart eas'`).
public protocol RestartHook: Sendable {
    /// Kills the implementation and starts it again on its durable state.
    /// - Throws: ``HarnessError`` (``HarnessError/Code/restartFailed``) when that could not be done.
    func restart() async throws(HarnessError)
}

/// A restart by a shell command (`/bin/sh -c COMMAND`): the command must kill the implementation
/// (ideally with SIGKILL, to be a crash) and start it again, then exit 0.
///
/// ```swift
/// let hook = ShellRestartHook("kill -9 $(cat eas.pid); ./start-eas.sh")
/// ```
///
/// Its output is discarded, and a failure reports the exit status only (the command line is the
/// user's and may hold secrets).
public struct ShellRestartHook: RestartHook {
    /// The command line.
    public var command: String
    /// How long the command may run before it is killed and the restart fails.
    public var timeout: Duration

    public init(_ command: String, timeout: Duration = .seconds(60)) {
        self.command = command
        self.timeout = timeout
    }

    public func restart() async throws(HarnessError) {
        switch await ShellCommand.run(command, within: timeout) {
        case nil: throw HarnessError(.restartFailed, "the restart command did not finish within \(timeout)")
        case -1: throw HarnessError(.restartFailed, "the restart command could not be started (/bin/sh)")
        case 0: return
        case let status?: throw HarnessError(.restartFailed, "the restart command exited with status \(status)")
        }
    }
}

/// Waiting for a child process to exit without blocking the cooperative pool.
package enum ProcessExit {
    /// The exit status of `process`, waiting on a dispatch thread.
    package static func status(of process: ChildProcess) async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: process.waitUntilExit()) }
        }
    }
}

import Foundation
import KitPrimitives

/// Starts a child process for a test the way the kit starts its own: one launch at a time
/// (``ProcessLaunch``), and guarded by a ``Lifeline`` watcher, so the child's process group dies
/// with the test process even when that is killed. Release the watcher once the child is reaped.
///
/// ```swift
/// let watcher = try GuardedLaunch.run(process)
/// process.waitUntilExit()
/// watcher?.release()
/// ```
public enum GuardedLaunch {
    /// Runs `process` (Foundation gives it a process group of its own) and guards that group.
    public static func run(_ process: Process) throws -> Lifeline.Watcher? {
        try ProcessLaunch.serialized { try process.run() }
        return Lifeline.watch(processGroup: process.processIdentifier)
    }

    /// Runs `process` to its end, with its group guarded meanwhile; returns its exit status and, when
    /// `output` is given, everything written to it (read before waiting, so a full pipe never blocks).
    @discardableResult
    public static func runToEnd(_ process: Process, reading output: Pipe? = nil) throws -> (status: Int32, output: Data) {
        let watcher = try run(process)
        let data = output?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        watcher?.release()
        return (process.terminationStatus, data)
    }
}

import Foundation
import KitPrimitives

/// Starts a child process for a test the way the kit starts its own: through ``ChildProcess``
/// (one launch at a time, never Foundation's `Process.run()`, which can crash a process with many
/// descriptors open), guarded by a ``Lifeline`` watcher, so the child's process group dies with the
/// test process even when that is killed.
///
/// ```swift
/// let (status, output) = try GuardedLaunch.runToEnd("/usr/bin/env", ["python3", "check.py"])
/// ```
public enum GuardedLaunch {
    /// Runs `executable` with `arguments` to its end, its group guarded meanwhile; returns its exit
    /// status and, with `readingOutput`, everything it wrote to stdout and stderr (read before
    /// waiting, so a full pipe never blocks). Without it, output goes to `/dev/null`.
    @discardableResult
    public static func runToEnd(_ executable: String, _ arguments: [String], readingOutput: Bool = true) throws -> (status: Int32, output: Data) {
        let pipe = readingOutput ? Pipe() : nil
        let descriptor = pipe?.fileHandleForWriting.fileDescriptor
        let child = try ChildProcess.spawn(executable, arguments, output: descriptor, error: descriptor)
        try? pipe?.fileHandleForWriting.close()
        let watcher = Lifeline.watch(processGroup: child.processIdentifier)
        let data = pipe?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let status = child.waitUntilExit()
        watcher?.release()
        return (status, data)
    }
}

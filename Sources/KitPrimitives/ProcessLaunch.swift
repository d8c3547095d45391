import Synchronization

/// One process-wide lock around starting child processes.
///
/// Foundation's `Process.run()` on Linux is not safe to call from several threads at once (it was
/// seen to crash copying its spawn arguments while another thread launched a process), and the
/// kit launches servers, restart commands and, in tests, its own binary concurrently. Every launch
/// in the kit goes through ``serialized(_:)``; only the launch is serialized, never the wait.
///
/// ```swift
/// try ProcessLaunch.serialized { try process.run() }
/// ```
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Runs `launch` while no other launch in this process runs.
    public static func serialized<Result>(_ launch: () throws -> Result) rethrows -> Result {
        try lock.withLock { _ in try launch() }
    }
}

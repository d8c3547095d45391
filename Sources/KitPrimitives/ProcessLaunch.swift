import Synchronization

/// One process-wide lock around starting child processes.
///
/// The kit launches servers, restart commands, lifeline watchers and, in tests, its own binary
/// from many threads at once. Every launch (``ChildProcess/spawn(_:_:environment:input:output:error:)``)
/// goes through ``serialized(_:)``, so the list of descriptors a child must close is complete when
/// it is spawned; only the launch is serialized, never the wait.
///
/// ```swift
/// let status = ProcessLaunch.serialized { posix_spawn(&pid, path, &actions, &attributes, &argv, environ) }
/// ```
public enum ProcessLaunch {
    private static let lock = Mutex(())

    /// Runs `launch` while no other launch in this process runs.
    public static func serialized<Result>(_ launch: () throws -> Result) rethrows -> Result {
        try lock.withLock { _ in try launch() }
    }
}

/// An implementation the checker can restart between two commands: the crash-restart fault.
///
/// A restart stops the implementation as a crash would (nothing is flushed or shut down politely)
/// and starts it again on the same durable state. Afterwards the checker compares every query with
/// its model: a restart may lose nothing that was answered, and duplicate nothing. Calls that got no
/// answer before a crash are not the checker's concern here: it restarts only between commands.
///
/// Three kinds come with the kit:
/// - the reference in-process, reopening its store (``RestartableReferenceProvider``);
/// - any implementation with a ``RestartHook`` (``RestartingImplementationProvider``), e.g. a server
///   over HTTP that the kit started (``ManagedProcess``) or that a script restarts (``ShellRestartHook``).
///
/// ```swift
/// if let restartable = implementation as? any RestartableImplementation {
///     switch await restartable.restart() {
///     case .success: break                       // now query it: the state must equal the model's
///     case .failure(let error): print(error)     // restart-failed: …
///     }
/// }
/// ```
public protocol RestartableImplementation: ImplementationUnderTest {
    /// Crashes the implementation and starts it again on the same durable state; returns once it
    /// answers calls again.
    /// - Returns: Success, or a ``HarnessError`` (``HarnessError/Code/restartFailed``).
    func restart() async -> Result<Void, HarnessError>
}

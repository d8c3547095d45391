import Foundation
import KitPrimitives
import Synchronization

/// An implementation's server process that the kit starts, crashes (SIGKILL) and starts again: the
/// ``RestartHook`` for a process the kit owns.
///
/// The process must print its base URL (e.g. `http://127.0.0.1:8000/api`) as the first line on
/// stdout once it listens, as `conformance serve` does; the kit reads it and treats the server as
/// ready then. In the arguments, `{port}` stands for the port: `0` at the first start (the system
/// picks a free one), then the port of the first base URL, so restarts come back on the same address.
///
/// ```swift
/// let server = ManagedProcess(executable: "/usr/local/bin/conformance",
///                             arguments: ["serve", "--port", "{port}", "--store", "sqlite:/tmp/eas.sqlite"])
/// let baseURL = try await server.start()
/// let provider = RestartingImplementationProvider(base: HTTPImplementationProvider(configuration: .init(baseURL: baseURL)), hook: server)
/// … // run the checker
/// await server.stop()
/// ```
///
/// Its stdout after the first line is read and dropped; its stderr goes to `stderrPath` (discarded
/// by default).
public final class ManagedProcess: RestartHook {
    /// The program to run.
    public let executable: String
    /// Its arguments; `{port}` is replaced as described above.
    public let arguments: [String]
    /// Variables added to the kit's environment.
    public let environment: [String: String]
    /// Where the process's stderr goes (nil: discarded).
    public let stderrPath: String?
    /// How long a start may take until the first line.
    public let startTimeout: Duration
    private let state = Mutex(State())

    struct State: Sendable {
        var process: ChildProcess?
        /// Kills the process's group if the kit dies before stopping it.
        var watcher: Lifeline.Watcher?
        var port: Int?
        var baseURL: String?
        var starts = 0
    }

    public init(
        executable: String, arguments: [String], environment: [String: String] = [:], stderrPath: String? = nil,
        startTimeout: Duration = .seconds(30)
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.stderrPath = stderrPath
        self.startTimeout = startTimeout
    }

    /// The base URL the process printed at its first start.
    public var baseURL: String? { state.withLock { $0.baseURL } }
    /// How many times the process was started.
    public var starts: Int { state.withLock { $0.starts } }
    /// The running process's id, if one runs.
    public var processIdentifier: Int32? { state.withLock { $0.process.map(\.processIdentifier) } }

    /// Starts the process and returns its base URL once it printed it.
    /// - Throws: ``HarnessError`` when it cannot be started, exits, or prints nothing in time.
    @discardableResult
    public func start() async throws(HarnessError) -> String {
        let port = state.withLock { $0.port } ?? 0
        let stdout = Pipe()
        let errors = stderrPath.flatMap(Self.appending)
        let process: ChildProcess
        do {
            // Not Foundation's Process.run(): it can crash a process with many descriptors open.
            process = try ChildProcess.spawn(
                executable, arguments.map { $0.replacing("{port}", with: String(port)) },
                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                output: stdout.fileHandleForWriting.fileDescriptor, error: errors?.fileDescriptor)
        } catch {
            throw HarnessError(.restartFailed, "\(error)")
        }
        try? stdout.fileHandleForWriting.close()
        try? errors?.close()
        // The child leads a process group of its own (its id is the group's).
        let watcher = Lifeline.watch(processGroup: process.processIdentifier)
        state.withLock {
            $0.process = process
            $0.watcher = watcher
            $0.starts += 1
        }
        guard let line = await firstLine(of: stdout, process: process), let url = URL(string: line), let printedPort = url.port else {
            kill(process.processIdentifier, SIGKILL)
            _ = await ProcessExit.status(of: process)
            state.withLock { $0.watcher = nil }
            watcher?.release()
            throw HarnessError(.restartFailed, "\(executable) printed no base URL within \(startTimeout) (exit status \(process.isRunning ? "none" : String(process.waitUntilExit())))")
        }
        state.withLock {
            $0.port = $0.port ?? printedPort
            $0.baseURL = $0.baseURL ?? line
        }
        return line
    }

    /// Crashes the process (SIGKILL), waits for it to die, and starts it again.
    public func restart() async throws(HarnessError) {
        await signalAndWait(SIGKILL)
        try await start()
    }

    /// Stops the process with `signal` (SIGTERM: a clean stop) and returns its exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) async -> Int32? {
        await signalAndWait(signal)
    }

    /// Sends `signal` to the running process (if any) and waits for it to exit.
    @discardableResult
    private func signalAndWait(_ signal: Int32) async -> Int32? {
        let (running, watcher) = state.withLock { state in
            defer {
                state.process = nil
                state.watcher = nil
            }
            return (state.process, state.watcher)
        }
        guard let process = running else { return nil }
        if process.isRunning { kill(process.processIdentifier, signal) }
        let status = await ProcessExit.status(of: process)
        watcher?.release()
        return status
    }

    /// A handle that appends to `path`, creating the file if needed.
    private static func appending(_ path: String) -> FileHandle? {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
        return handle
    }

    /// How waiting for the first line ended.
    enum FirstLine: Sendable {
        case line(String)
        case closed
        case timedOut
    }

    /// The first line `process` writes to `pipe` (nil if it closes first or `startTimeout` passes);
    /// the rest is drained until the process exits, so it never blocks on a full pipe.
    private func firstLine(of pipe: Pipe, process: ChildProcess) async -> String? {
        let timeout = startTimeout
        let outcome = await withTaskGroup(of: FirstLine.self) { group in
            group.addTask { await Self.readFirstLine(pipe) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return .timedOut
            }
            let first = await group.next() ?? .timedOut
            group.cancelAll()
            if case .timedOut = first, process.isRunning {
                // The process dying closes the pipe, which ends the reader.
                kill(process.processIdentifier, SIGKILL)
            }
            return first
        }
        if case .line(let line) = outcome { return line }
        return nil
    }

    /// Reads up to the first newline on a dispatch thread, then keeps draining until end of file.
    private static func readFirstLine(_ pipe: Pipe) async -> FirstLine {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let handle = pipe.fileHandleForReading
                var bytes: [UInt8] = []
                var resumed = false
                while true {
                    let chunk = handle.readData(ofLength: resumed ? 4096 : 1)
                    guard let byte = chunk.first else { break }
                    guard !resumed else { continue }
                    if byte == UInt8(ascii: "\n") {
                        resumed = true
                        continuation.resume(returning: .line(String(decoding: bytes, as: UTF8.self)))
                    } else {
                        bytes.append(byte)
                    }
                }
                if !resumed { continuation.resume(returning: .closed) }
            }
        }
    }
}

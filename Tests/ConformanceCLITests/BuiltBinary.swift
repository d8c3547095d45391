import Foundation
import KitPrimitives
import KitTestSupport
import Testing

/// The `conformance` executable built next to the test bundle, run as a user would run it.
enum BuiltBinary {
    /// The path of the built `conformance` binary (the test fails with a clear reason when absent).
    static var path: String {
        get throws {
            let candidates = [CommandLine.arguments.first, Bundle.main.executablePath].compactMap { $0 }.map {
                URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("conformance").path
            }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw BinaryNotFound(searched: candidates)
            }
            return found
        }
    }

    struct BinaryNotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String { "the conformance binary was not built next to the tests; looked at \(searched)" }
    }

    /// The package root.
    static let packageRoot: String = PackageRoot.path

    /// A started process whose stdout can be read line by line.
    final class Running: Sendable {
        let process: ChildProcess
        let stdout: Pipe
        let stderr: Pipe
        /// Kills the process's group if the test process dies first (a crash, `kill -9`).
        let watcher: Lifeline.Watcher?

        /// Starts the binary with `arguments` in `directory` (the package root by default), through
        /// ``ChildProcess`` (Foundation's `Process.run()` can crash a process with many descriptors open).
        /// Runs the built `conformance` with `arguments` (or, given `program`, that program instead).
        init(_ arguments: [String], program: String? = nil, environment: [String: String] = [:], directory: String = BuiltBinary.packageRoot) throws {
            let stdout = Pipe()
            let stderr = Pipe()
            self.stdout = stdout
            self.stderr = stderr
            // The shell changes directory and execs the binary (same pid).
            process = try ChildProcess.spawn(
                "/bin/sh", ["-c", #"cd "$0" && exec "$@""#, directory, try program ?? BuiltBinary.path] + arguments,
                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                output: stdout.fileHandleForWriting.fileDescriptor, error: stderr.fileHandleForWriting.fileDescriptor)
            // Only the child writes: its end of file is the child's exit.
            try? stdout.fileHandleForWriting.close()
            try? stderr.fileHandleForWriting.close()
            watcher = Lifeline.watch(processGroup: process.processIdentifier)
        }

        /// The first line written to stdout (blocks a dispatch thread, not the cooperative pool).
        func firstLine() async -> String? {
            let handle = stdout.fileHandleForReading
            return await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    var bytes: [UInt8] = []
                    while true {
                        let chunk = handle.readData(ofLength: 1)
                        guard let byte = chunk.first else { break }
                        if byte == UInt8(ascii: "\n") { break }
                        bytes.append(byte)
                    }
                    continuation.resume(returning: bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self))
                }
            }
        }

        /// Everything written to stderr (read after exit).
        var standardError: String { String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

        /// Everything written to stdout (read after exit).
        var standardOutput: String { String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

        /// Runs to completion and returns the exit status with both outputs (read concurrently, so a
        /// chatty process never blocks on a full pipe).
        func finish() async -> (status: Int32, stdout: String, stderr: String) {
            async let out = Self.readAll(stdout)
            async let err = Self.readAll(stderr)
            let (o, e) = await (out, err)
            return (await exitStatus(), o, e)
        }

        private static func readAll(_ pipe: Pipe) async -> String {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
                }
            }
        }

        /// Reads the first stdout line as the base URL a server listens on, runs `body` with it, then
        /// stops the server with SIGTERM (SIGKILL when `body` throws). A server that printed no URL
        /// fails the test, naming `server`.
        func serving<R>(_ server: String, _ body: (String) async throws -> R) async throws -> R {
            do {
                let url = try #require(await firstLine(), "\(server) printed no URL")
                let result = try await body(url)
                _ = await stop(with: SIGTERM)
                return result
            } catch {
                _ = await stop(with: SIGKILL)
                throw error
            }
        }

        /// Sends `signal` and waits for exit; returns the exit status.
        func stop(with signal: Int32) async -> Int32 {
            kill(process.processIdentifier, signal)
            return await exitStatus()
        }

        /// Waits for the process to exit.
        func exitStatus() async -> Int32 {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    let status = self.process.waitUntilExit()
                    self.watcher?.release()
                    continuation.resume(returning: status)
                }
            }
        }
    }
}

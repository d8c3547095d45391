import Foundation
import KitPrimitives
import Testing

/// Nothing the kit starts outlives it: `kill -9` of a running `conformance run` takes down what its
/// restart command left running (through the run's ``Lifeline`` watchers).
@Suite struct OrphanTests {
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("eas-orphan-\(getpid())-\(name)").path
    }

    /// The pids written to `file` once it has one (nil when `deadline` passes first or `process` exits).
    static func pids(in file: String, while process: BuiltBinary.Running, deadline: Duration) async -> [pid_t]? {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end, process.process.isRunning {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            let pids = text.split(separator: "\n").compactMap { pid_t($0) }
            if !pids.isEmpty { return pids }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Whether `pid` is gone (waiting up to a minute, for a busy machine).
    static func isGone(_ pid: pid_t) async -> Bool {
        let end = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < end {
            if kill(pid, 0) == -1, errno == ESRCH { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func killingARunWithSIGKILLLeavesNothingItsRestartCommandStarted() async throws {
        let serve = try BuiltBinary.Running(["serve", "--port", "0", "--platform-timeout", "30"])
        let url = try #require(await serve.firstLine())
        defer { kill(serve.process.processIdentifier, SIGTERM) }
        let pidFile = Self.path("servers.pid")
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // A "restart" that leaves a stand-in server running in the background, as a real one does.
        let run = try BuiltBinary.Running([
            "run", "--sut", url, "--filter", "principle.trace", "--cases", "200", "--seed", "5", "--junit", Self.path("run.xml"),
            "--sut-restart-cmd", "sleep 300 & echo $! >> '\(pidFile)'",
        ])
        async let finished = run.finish()  // drains its output, so it never blocks on a full pipe
        let started = await Self.pids(in: pidFile, while: run, deadline: .seconds(300))
        let pids = try #require(started, "the checker ran the restart command")
        for pid in pids { #expect(kill(pid, 0) == 0, "the restarted stand-in runs while the run does") }
        kill(run.process.processIdentifier, SIGKILL)
        let (status, _, stderr) = await finished
        #expect(status == SIGKILL, "the run was killed, not finished: \(stderr.suffix(500))")
        for pid in pids { #expect(await Self.isGone(pid), "pid \(pid) outlived the killed run") }
        _ = await serve.stop(with: SIGTERM)
    }
}

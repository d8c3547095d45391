import ConformanceKit
import Foundation
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// `ShellCommand` waits for the shell, not for what it leaves running: the restart hook's promise
/// that a command which starts a server in the background returns.
@Suite struct ShellCommandTests {
    @Test(arguments: [("exit 0", Int32(0)), ("exit 3", 3), ("kill -TERM $$", 128 + SIGTERM), ("/nonexistent/program", 127)])
    func theShellsExitStatusComesBack(command: String, status: Int32) async {
        #expect(await ShellCommand.run(command, within: .seconds(60)) == status)
    }

    @Test func aCommandThatLeavesAServerRunningReturnsAtOnce() async throws {
        let pidFile = NSTemporaryDirectory() + "eas-shell-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).pid"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        // A background job inherits nothing that ties it to the kit, so the shell's exit is seen. The
        // shell writes the job's pid before it exits, so the file is there when `run` returns.
        #expect(await ShellCommand.run("sleep 300 & echo $! > '\(pidFile)'", within: .seconds(60)) == 0)
        let pid = try #require(try? String(contentsOfFile: pidFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try #require(pid_t(pid))
        #expect(kill(server, 0) == 0, "the background job is still running")
        kill(server, SIGKILL)
    }

    @Test func aCommandThatRunsTooLongIsKilledWithItsGroup() async {
        #expect(await ShellCommand.run("sleep 300; exit 0", within: .milliseconds(200)) == nil)
    }
}

import ConformanceKit
import ReferenceHarness
import Foundation
import KitPrimitives
import KitTestSupport
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Crash-restart over HTTP: the checker SIGKILLs a `conformance serve --store sqlite:PATH` process it
/// started (``ManagedProcess``) between commands, starts it again on the same file, and checks the
/// state; restart hooks that fail are harness errors.
@Suite struct RestartHTTPTests {
    /// The `conformance` executable built next to the tests.
    static var conformanceBinary: String {
        get throws {
            let candidates = [CommandLine.arguments.first, Bundle.main.executablePath].compactMap { $0 }.map {
                URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("conformance").path
            }
            return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "conformance was not built: \(candidates)")
        }
    }

    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "eas-restart-http-" + StableHash.hex(CheckerConfiguration.randomSeed())
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theCheckerRestartsAServedSQLiteReferenceBetweenCommandsAndItKeepsEverything() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let server = ManagedProcess(
            executable: try Self.conformanceBinary,
            arguments: ["serve", "--port", "{port}", "--store", "sqlite:\(directory)/state.sqlite", "--durability", "normal", "--platform-timeout", "30"])
        let baseURL = try await server.start()
        #expect(baseURL.hasPrefix("http://127.0.0.1:"))
        var http = HTTPImplementation.Configuration(baseURL: baseURL)
        http.timeout = HTTPFixtures.healthyCallTimeout
        let provider = RestartingImplementationProvider(base: HTTPImplementationProvider(configuration: http), hook: server)
        var configuration = CheckerFixtures.configuration(seed: CheckerFixtures.seed(fallback: 0x4E57A27), cases: 8)
        configuration.policy = ModelPolicy(match: .strictHTTP)
        let run = await Checker(configuration: configuration, provider: provider).run()
        let starts = server.starts
        await server.stop()
        #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
        #expect(starts > 1, "the checker restarted the server")
        #expect(server.baseURL == baseURL, "restarts come back on the same port")
    }

    @Test func aRestartHookThatFailsIsAHarnessViolation() async throws {
        let failing = RestartingImplementationProvider(
            base: RestartableReferenceProvider(storage: .memory), hook: ShellRestartHook("exit 3"))
        let commands: [CheckerCommand] = [.connect(ConnectArguments(owner: 0, name: 0, token: .issued(0))), .restart]
        let outcome = await CaseExecutor(provider: failing).run(CommandGenerator().makeCase(index: 0, seed: 1).with(commands: commands))
        #expect(outcome.violation?.code == .harness)
        #expect(outcome.violation?.mismatch.actual.contains("restart-failed: the restart command exited with status 3") == true)

        let succeeding = RestartingImplementationProvider(base: ReferenceScenarioProvider(), hook: ShellRestartHook("true"))
        let passed = await CaseExecutor(provider: succeeding).run(CommandGenerator().makeCase(index: 0, seed: 1).with(commands: commands))
        #expect(passed.passed, "a hook that restarts nothing leaves an in-memory reference as it was")
    }

    @Test func aShellRestartHookCanCrashAndRestartAServerItDoesNotOwn() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let binary = try Self.conformanceBinary
        // Find a free port with a first server, then hand the address to a script-managed one.
        let probe = ManagedProcess(executable: binary, arguments: ["serve", "--port", "0"])
        let url = try await probe.start()
        await probe.stop()
        let port = try #require(URL(string: url)?.port)
        let pidFile = "\(directory)/serve.pid"
        // A subshell starts the server and waits for it (so it is reaped as soon as it dies).
        let start = "(('\(binary)' serve --port \(port) --store 'sqlite:\(directory)/state.sqlite' --durability normal >/dev/null 2>&1 & echo $! > '\(pidFile)'; wait) &)"
        #expect(await Self.shell(start) == 0)
        defer { _ = Self.shellSync("kill -9 $(cat '\(pidFile)')") }
        let hook = ShellRestartHook("kill -9 $(cat '\(pidFile)'); while kill -0 $(cat '\(pidFile)') 2>/dev/null; do :; done; \(start)")
        let provider = RestartingImplementationProvider(base: HTTPImplementationProvider(configuration: .init(baseURL: url)), hook: hook)
        var configuration = CheckerFixtures.configuration(seed: CheckerFixtures.seed(fallback: 0x5A11), cases: 3)
        configuration.policy = ModelPolicy(match: .strictHTTP)
        // The first call waits for the script's server to come up, as after a restart.
        let ready = try await HTTPImplementation.withImplementation(.init(baseURL: url)) { implementation in
            await RestartingImplementationProvider.waitUntilAnswering(implementation, within: .seconds(30))
        }
        #expect((try? ready.get()) != nil)
        let run = await Checker(configuration: configuration, provider: provider).run()
        #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
    }

    static func shell(_ command: String) async -> Int32 {
        await ShellCommand.run(command, within: .seconds(60)) ?? -2
    }

    static func shellSync(_ command: String) -> Int32 {
        (try? GuardedLaunch.runToEnd("/bin/sh", ["-c", command], readingOutput: false).status) ?? -1
    }
}

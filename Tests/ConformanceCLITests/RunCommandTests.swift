import Foundation
import KitPrimitives
import Testing

/// `conformance run` and `replay` as a user runs them: exit codes, outputs, reports.
@Suite struct RunCommandTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("eas-cli-\(getpid())-\(name)").path
    }

    @Test func aRunAgainstTheReferenceExits0AndWritesAValidReport() async throws {
        let report = Self.temporaryPath("principle.xml")
        defer { try? FileManager.default.removeItem(atPath: report) }
        let run = try BuiltBinary.Running(["run", "--filter", "principle.*", "--seed", "11", "--junit", report, "--cases", "0"])
        let (status, _, stderr) = await run.finish()
        #expect(status == 0, "\(stderr)")
        #expect(stderr.hasPrefix("conformance run: seed 11\n"), "the seed is printed first: \(stderr.prefix(120))")
        #expect(stderr.contains("pass  principle.trace"))
        #expect(stderr.contains("result: every result as expected"))
        let validate = try BuiltBinary.Running(["validate-report", report])
        #expect(await validate.finish().status == 0)
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.contains(#"<property name="run.seed" value="11"/>"#))
        #expect(!xml.contains("tok-alice"), "tokens are redacted")
    }

    @Test func anUnreachableImplementationExits3() async throws {
        let run = try BuiltBinary.Running(["run", "--sut", "http://127.0.0.1:9/api", "--filter", "principle.*", "--junit", Self.temporaryPath("x.xml")])
        let (status, _, stderr) = await run.finish()
        #expect(status == 3, "\(stderr)")
        #expect(stderr.contains("unreachable"))
    }

    @Test(arguments: [
        ["run", "--profile", "loose"],
        ["run", "--shard", "3/2"],
        ["run", "--timeout", "0"],
        ["run", "--header", "no-equals-sign"],
        ["run", "--sut", "not a url"],
        ["run", "--frobnicate"],
        ["run", "--scenarios", "/nonexistent-dir"],
        ["run", "--expectations", "/nonexistent.yaml"],
        ["run", "--seed", "0xZZ"],
        ["mock-canvas", "--seed", "seven"],
    ])
    func usageAndConfigurationErrorsExit2(arguments: [String]) async throws {
        let run = try BuiltBinary.Running(arguments + ["--junit", Self.temporaryPath("y.xml")])
        let (status, _, stderr) = await run.finish()
        #expect(status == 2, "\(arguments): \(stderr)")
        #expect(!stderr.isEmpty)
    }

    /// One seed grammar everywhere: `--seed` and `EAS_SEED` take decimal or 0x hex, and a malformed
    /// `EAS_SEED` is a usage error naming it, never a silent random seed.
    @Test func seedsAreDecimalOrHexAndAMalformedEASSeedIsAnError() async throws {
        let hex = try BuiltBinary.Running(["run", "--filter", "principle.trace", "--cases", "0", "--junit", Self.temporaryPath("seed.xml")], environment: ["EAS_SEED": "0x2a"])
        let (status, _, stderr) = await hex.finish()
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("conformance run: seed 42"), "\(stderr)")
        let flag = try BuiltBinary.Running(["run", "--seed", "0x2A", "--filter", "principle.trace", "--cases", "0", "--junit", Self.temporaryPath("seed2.xml")])
        let (flagStatus, _, flagErr) = await flag.finish()
        #expect(flagStatus == 0 && flagErr.contains("conformance run: seed 42"), "\(flagErr)")
        let bad = try BuiltBinary.Running(["run", "--filter", "principle.trace", "--cases", "0", "--junit", Self.temporaryPath("seed3.xml")], environment: ["EAS_SEED": "seven"])
        let (badStatus, _, badErr) = await bad.finish()
        #expect(badStatus == 2, "\(badErr)")
        #expect(badErr.contains("EAS_SEED must be a decimal or 0x-hex unsigned 64-bit integer, got 'seven'"), "\(badErr)")
        #expect(!badErr.contains("conformance run: seed"), "no run starts")
    }

    @Test func aMalformedScenarioFileExits2NamingFileLineAndField() async throws {
        let directory = Self.temporaryPath("bad-scenarios")
        try FileManager.default.createDirectory(atPath: directory + "/worlds", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "users: []\n".write(toFile: directory + "/worlds/empty.yaml", atomically: true, encoding: .utf8)
        let text = """
            id: broken.example
            title: A broken scenario
            spec: [principle]
            level: MUST
            world: worlds/empty.yaml
            steps:
              - call: connectSource
                with: {owner: [not, a, string], sourceType: Canvas, sourceName: x, details: {apiToken: t, baseUrl: $canvas}}
            """
        try text.write(toFile: directory + "/broken.yaml", atomically: true, encoding: .utf8)
        let run = try BuiltBinary.Running(["run", "--scenarios", directory, "--junit", Self.temporaryPath("z.xml"), "--cases", "0"])
        let (status, _, stderr) = await run.finish()
        #expect(status == 2, "\(stderr)")
        #expect(stderr.contains("broken.yaml:8"), "\(stderr)")
        #expect(stderr.contains("owner"), "\(stderr)")
    }

    @Test func replayRunsGivenFiles() async throws {
        let run = try BuiltBinary.Running(["replay", "--seed", "3", "--junit", Self.temporaryPath("r.xml"), "Scenarios/connect/connect-duplicate-name.yaml"])
        let (status, _, stderr) = await run.finish()
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("pass  connect.duplicate-name"))
    }

    @Test func helpShowsExamplesOnEverySubcommand() async throws {
        let subcommands = [["run"], ["replay"], ["serve"], ["mock-canvas"], ["coverage"], ["list"], ["bench"], ["merge-reports"], ["validate-report"]]
            + ["all", "mock-canvas", "reference", "scenarios", "checker", "report"].map { ["bench", $0] }
        for subcommand in subcommands {
            let help = try BuiltBinary.Running(subcommand + ["--help"])
            let (status, stdout, _) = await help.finish()
            #expect(status == 0, "\(subcommand)")
            #expect(stdout.contains("Example"), "\(subcommand) --help has examples")
        }
        let version = try BuiltBinary.Running(["--version"])
        #expect(await version.finish().stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}

/// The binary on its own: the corpus is built in, so commands work from any directory.
@Suite struct RunAnywhereTests {
    static func emptyDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eas-anywhere-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func runListCoverageAndReplayWorkOutsideTheCheckout() async throws {
        let directory = try Self.emptyDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try BuiltBinary.Running(["run", "--filter", "principle.*", "--seed", "5", "--cases", "2"], directory: directory)
        let (status, _, stderr) = await run.finish()
        #expect(status == 0, "\(stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/Reports/junit.xml"), "the report is written where the run was started")
        let xml = try String(contentsOfFile: directory + "/Reports/junit.xml", encoding: .utf8)
        #expect(xml.contains(#"file="Scenarios/principle/principle-trace.yaml""#), "bundled files are named as in a checkout")
        let list = try BuiltBinary.Running(["list"], directory: directory)
        let listed = await list.finish()
        #expect(listed.status == 0 && listed.stdout.contains("principle.trace"), "\(listed.stderr)")
        let coverage = try BuiltBinary.Running(["coverage"], directory: directory)
        #expect(await coverage.finish().status == 0)
        for target in ["Scenarios/connect/connect-duplicate-name.yaml", "connect.duplicate-name"] {
            let replay = try BuiltBinary.Running(["replay", "--seed", "3", target], directory: directory)
            let (replayStatus, _, replayErr) = await replay.finish()
            #expect(replayStatus == 0, "\(target): \(replayErr)")
            #expect(replayErr.contains("expected-pass: 2"), "\(target): \(replayErr)")
        }
        let unknown = try BuiltBinary.Running(["replay", "no.such-scenario"], directory: directory)
        let (unknownStatus, _, unknownErr) = await unknown.finish()
        #expect(unknownStatus == 2)
        #expect(unknownErr.contains("'no.such-scenario' is neither a scenario file nor the id of a scenario"), "\(unknownErr)")
    }

    @Test func aCanvasOnlyImplementationPassesWithGitHubClassroomRunsSkipped() async throws {
        let serve = try BuiltBinary.Running(["serve", "--port", "0", "--platform-timeout", "30"])
        let url = try #require(await serve.firstLine())
        defer { _ = kill(serve.process.processIdentifier, SIGTERM) }
        let report = RunCommandTests.temporaryPath("declared.xml")
        let run = try BuiltBinary.Running(["run", "--sut", url, "--filter", "principle.*", "--cases", "4", "--stall-limit", "1", "--junit", report])
        let (status, _, stderr) = await run.finish()
        #expect(status == 0, "\(stderr)")
        #expect(stderr.contains("2 GitHub Classroom runs skipped: GitHub Classroom not declared; add --source-type all"), "\(stderr)")
        let xml = try String(contentsOfFile: report, encoding: .utf8)
        #expect(xml.contains(#"name="principle.trace[github-classroom]""#))
        #expect(xml.contains("<skipped message=\"GitHub Classroom not declared"), "reported as skipped with the reason")
        #expect(xml.contains(#"name="property checker[github-classroom]""#), "the checker's GitHub Classroom share is skipped too")
        _ = await serve.stop(with: SIGTERM)
    }
}

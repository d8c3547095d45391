import Foundation
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
    ])
    func usageAndConfigurationErrorsExit2(arguments: [String]) async throws {
        let run = try BuiltBinary.Running(arguments + ["--junit", Self.temporaryPath("y.xml")])
        let (status, _, stderr) = await run.finish()
        #expect(status == 2, "\(arguments): \(stderr)")
        #expect(!stderr.isEmpty)
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

import Foundation
import KitPrimitives
import Testing

/// The kit against an implementation served as a deployed 6.104 app (`serve --dialect 6104-app`),
/// through the README's adapter example: sessions, owners from the session, routes without `_`,
/// free-text errors mapped to spec names. The correct app passes; each planted bug fails the run.
@Suite struct AppDialectTests {
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("eas-app-\(getpid())-\(name)").path
    }

    /// The YAML block after `<!-- adapter-example: 6104-app -->` in the README, written to a file.
    static func readmeAdapter() throws -> String {
        let readme = try String(contentsOfFile: BuiltBinary.packageRoot + "/README.md", encoding: .utf8)
        let marker = try #require(readme.range(of: "<!-- adapter-example: 6104-app -->"), "the README marks its adapter example")
        let rest = readme[marker.upperBound...]
        let open = try #require(rest.range(of: "```yaml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        let file = path("adapter.yaml")
        try String(rest[open.upperBound..<close.lowerBound]).write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Runs `body` with `conformance serve --dialect 6104-app` (optionally serving a mutant) listening.
    func withApp<R>(mutant: String? = nil, _ body: (String) async throws -> R) async throws -> R {
        try await BuiltBinary.Running(
            ["serve", "--port", "0", "--dialect", "6104-app", "--platform-timeout", "30"] + (mutant.map { ["--mutant", $0] } ?? [])
        ).serving("serve --dialect 6104-app", body)
    }

    @Test func theREADMEAdapterPassesTheCorrectAppWithSessionsRoutesAndErrorClasses() async throws {
        let adapter = try Self.readmeAdapter()
        try await withApp { url in
            let report = Self.path("app.xml")
            let run = try BuiltBinary.Running([
                "run", "--sut", url, "--adapter", adapter, "--cases", "4", "--seed", "21", "--stall-limit", "0.2", "--junit", report,
            ])
            let (status, _, stderr) = await run.finish()
            #expect(status == 0, "\(stderr.suffix(3000))")
            #expect(stderr.contains("_getSourcesForUser -> /ExternalAssignmentSync/getSourcesForUser (found)"), "\(stderr.prefix(1500))")
            #expect(!stderr.contains("ERROR "), "no routing or session errors")
            #expect(stderr.contains("GitHub Classroom runs skipped: GitHub Classroom not declared"), "the adapter declares Canvas alone")
            let xml = try String(contentsOfFile: report, encoding: .utf8)
            #expect(xml.contains(#"<property name="route._getSourcesForUser" value="\#(url)/ExternalAssignmentSync/getSourcesForUser"/>"#))
            #expect(!xml.contains("session-"), "session tokens never reach the report")
        }
    }

    @Test(arguments: [
        ("token-in-sources", "connect.*"),
        ("only-first-page", "poll.*"),
        ("network-error-at-connect-as-invalid-credentials", "connect.*"),
        ("record-unknown-source-orphan", "record.*"),
        ("timestamps-greater-or-equal", "identify.*,principle.*"),
    ])
    func eachPlantedBugInTheAppFailsTheRun(bug: String, filter: String) async throws {
        let adapter = try Self.readmeAdapter()
        try await withApp(mutant: bug) { url in
            let run = try BuiltBinary.Running([
                "run", "--sut", url, "--adapter", adapter, "--filter", filter, "--cases", "0", "--seed", "21", "--stall-limit", "0.2",
                "--junit", Self.path("\(bug).xml"),
            ])
            let (status, _, stderr) = await run.finish()
            #expect(status == 1, "\(bug): \(stderr.suffix(2000))")
            #expect(stderr.contains("replay: conformance replay --seed 21 --sut \(url) --profile compat-6104 --adapter \(adapter)"), "\(bug): the replay command carries the adapter")
            #expect(stderr.contains("FAIL  ") || stderr.contains("ERROR "), "\(bug): a scenario names the problem")
        }
    }

    @Test func withoutTheErrorMapATransportFailureReportedAsInvalidCredentialsGoesUnnoticed() async throws {
        // The same app and bug, but an adapter without `errors:`: the class is unknown, so it passes.
        let adapter = try String(contentsOfFile: try Self.readmeAdapter(), encoding: .utf8)
        let unmapped = Self.path("adapter-no-errors.yaml")
        try String(adapter[..<(adapter.range(of: "errors:")?.lowerBound ?? adapter.endIndex)]).write(toFile: unmapped, atomically: true, encoding: .utf8)
        try await withApp(mutant: "network-error-at-connect-as-invalid-credentials") { url in
            let run = try BuiltBinary.Running([
                "run", "--sut", url, "--adapter", unmapped, "--filter", "connect.unreachable", "--cases", "0", "--junit", Self.path("nomap.xml"),
            ])
            let (status, _, stderr) = await run.finish()
            #expect(status == 0, "\(stderr.suffix(1500))")
        }
    }
}

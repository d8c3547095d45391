import Foundation
import Testing

/// The kit against a deliberately wrong implementation over HTTP (`conformance serve --mutant`), as
/// a user's CI would run it: failures, expectations, shards and merges, and replaying a shrunk failure.
@Suite struct FailingImplementationTests {
    /// Runs `body` with `conformance serve --mutant bug` listening; stops it afterwards.
    func withMutant<R>(_ bug: String, _ body: (String) async throws -> R) async throws -> R {
        try await BuiltBinary.Running(["serve", "--port", "0", "--mutant", bug, "--platform-timeout", "30"]).serving("serve --mutant", body)
    }

    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("eas-fail-\(getpid())-\(name)").path
    }

    @Test func aWrongImplementationFailsTheRunWithReplayCommandsAndExpectationsTolerateIt() async throws {
        try await withMutant("disconnect-keeps-mappings") { url in
            let report = Self.path("mutant.xml")
            // The disconnect scenarios without a race: against this bug their verdicts do not depend
            // on the scheduler (disconnect.racing-record fails only when the record lands first).
            let filter = "disconnect.removes-*,disconnect.twice,disconnect.unknown-source,disconnect.reconnect-fresh"
            let run = try BuiltBinary.Running(["run", "--sut", url, "--filter", filter, "--cases", "0", "--seed", "9", "--junit", report])
            let (status, _, stderr) = await run.finish()
            #expect(status == 1, "\(stderr)")
            #expect(stderr.contains("FAIL  disconnect.removes-mappings"))
            #expect(stderr.contains("replay: conformance replay --seed 9 --sut \(url)"))
            let xml = try String(contentsOfFile: report, encoding: .utf8)
            #expect(xml.contains("<failure"), "the report records failures")

            // Listing the known failures makes the same run pass, and reports them as expected.
            let failing = xml.components(separatedBy: "<testcase ").dropFirst().filter { $0.contains("<failure") }
                .compactMap { $0.components(separatedBy: " name=\"").dropFirst().first?.components(separatedBy: "\"").first }
            #expect(!failing.isEmpty)
            let expectations = Self.path("expectations.yaml")
            try failing.map { "\($0):\n  expected: FAIL\n  reason: the mutant keeps mappings\n" }.joined()
                .write(toFile: expectations, atomically: true, encoding: .utf8)
            let tolerated = try BuiltBinary.Running([
                "run", "--sut", url, "--filter", filter, "--cases", "0", "--seed", "9", "--junit", report, "--expectations", expectations,
            ])
            let (toleratedStatus, _, toleratedErr) = await tolerated.finish()
            #expect(toleratedStatus == 0, "\(toleratedErr)")
            #expect(toleratedErr.contains("expected-failure: \(failing.count)"), "\(toleratedErr)")
        }
    }

    /// A token leak is one root cause of `failure`s (not errors), and the property checker's printed
    /// replay command, run as printed, fails again against the same server with the same rule.
    @Test func aTokenLeakIsOneCauseOfFailuresAndTheCheckersPrintedReplayReproducesIt() async throws {
        let directory = Self.path("leak")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withMutant("token-in-sources") { url in
            let run = try BuiltBinary.Running(["run", "--sut", url, "--seed", "5", "--cases", "20", "--junit", "leak.xml"], directory: directory)
            let (status, _, stderr) = await run.finish()
            #expect(status == 1, "\(stderr)")
            let groups = stderr.split(separator: "\n").filter { $0.contains(" × FAIL _getSourcesForUser at secrecy") }
            #expect(groups.count == 1, "one line for the one cause\n\(stderr)")
            let count = groups.first.flatMap { Int($0.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }) } ?? 0
            #expect(count >= 5, "\(groups)")
            let xml = try String(contentsOfFile: directory + "/leak.xml", encoding: .utf8)
            #expect(xml.contains("<failure") && !xml.contains("<error"), "a leak is the implementation's failure")
            #expect(xml.contains(#"name="root.cause""#))
            #expect(stderr.contains("FAIL property checker: token-leak"), "\(stderr)")

            let replay = try #require(
                stderr.split(separator: "\n").first { $0.contains("replay: conformance replay") && $0.contains("Reports/failures/") },
                "the checker prints a replay command\n\(stderr)")
            let command = try #require(replay.components(separatedBy: "replay: conformance ").last)
            #expect(command.contains("--sut \(url)"), "the replay names the implementation: \(command)")
            let again = try BuiltBinary.Running(command.split(separator: " ").map(String.init), directory: directory)
            let (replayStatus, _, replayErr) = await again.finish()
            #expect(replayStatus == 1, "the printed replay reproduces the failure\n\(replayErr)")
            #expect(replayErr.contains("secrecy"), "\(replayErr)")
        }
    }

    /// The checker's cases are split across shards like scenarios: the merged report of both shards
    /// holds exactly the checker test cases of the whole run (same names, none twice).
    @Test func checkerShardsAddUpToTheWholeRun() async throws {
        func checkerCases(_ arguments: [String], _ name: String) async throws -> [String] {
            let report = Self.path(name)
            let run = try BuiltBinary.Running(["run", "--seed", "8", "--filter", "principle.trace", "--cases", "12", "--junit", report] + arguments)
            let (status, _, stderr) = await run.finish()
            #expect(status == 0, "\(stderr)")
            return try Self.checkerCaseNames(String(contentsOfFile: report, encoding: .utf8))
        }
        let whole = try await checkerCases([], "checker-whole.xml")
        #expect(whole.count == 12, "\(whole)")
        #expect(whole.contains("case 0 (\(whole.first?.contains("Canvas") == true ? "Canvas" : "GitHub Classroom"))"))
        let first = try await checkerCases(["--shard", "1/2"], "checker-1.xml")
        let second = try await checkerCases(["--shard", "2/2"], "checker-2.xml")
        #expect(first.count == 6 && second.count == 6)
        let merged = Self.path("checker-merged.xml")
        let merge = try BuiltBinary.Running(["merge-reports", merged, Self.path("checker-1.xml"), Self.path("checker-2.xml")])
        let (mergeStatus, _, mergeErr) = await merge.finish()
        try #require(mergeStatus == 0, "\(mergeErr)")
        let mergedCases = try Self.checkerCaseNames(String(contentsOfFile: merged, encoding: .utf8))
        #expect(mergedCases.sorted() == whole.sorted(), "merged shards: \(mergedCases)\nwhole run: \(whole)")
    }

    /// The names of the `properties.checker` test cases in a JUnit report.
    static func checkerCaseNames(_ xml: String) -> [String] {
        xml.components(separatedBy: "<testcase ").dropFirst().filter { $0.hasPrefix(#"classname="properties.checker""#) || $0.contains(#"classname="properties.checker""#) }
            .compactMap { $0.components(separatedBy: #" name=""#).dropFirst().first?.components(separatedBy: "\"").first }
    }

    @Test func shardsCoverTheCorpusOnceAndMergeIntoOneValidReport() async throws {
        var reports: [String] = []
        var total = 0
        for shard in 1...3 {
            let report = Self.path("shard-\(shard).xml")
            reports.append(report)
            let run = try BuiltBinary.Running(["run", "--seed", "4", "--shard", "\(shard)/3", "--cases", "0", "--junit", report])
            let (status, _, stderr) = await run.finish()
            #expect(status == 0, "\(stderr)")
            let line = stderr.split(separator: "\n").first { $0.hasPrefix("report: ") } ?? ""
            total += Int(line.components(separatedBy: "(").last?.components(separatedBy: " ").first ?? "") ?? 0
        }
        // `list` names each scenario's source types: one run per scenario and source type.
        let list = try BuiltBinary.Running(["list"])
        let lines = await list.finish().stdout.split(separator: "\n")
        var listed = 0
        for line in lines {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            try #require(fields.count > 2, "a `list` line names its source types third: \(line)")
            listed += fields[2].split(separator: ",").count
        }
        #expect(lines.count >= 100 && listed > lines.count, "\(lines.count) scenarios, \(listed) runs")
        #expect(total == listed, "three shards together run every scenario once on each of its source types")
        let merged = Self.path("merged.xml")
        let merge = try BuiltBinary.Running(["merge-reports", merged] + reports)
        let (mergeStatus, mergeOut, mergeErr) = await merge.finish()
        #expect(mergeStatus == 0, "\(mergeErr)")
        #expect(mergeOut.contains("\(listed) tests"), "\(mergeOut)")
        #expect(try await BuiltBinary.Running(["validate-report", merged]).finish().status == 0)
    }

    @Test func theCheckerShrinksAFailureAndItsScenarioFileReplays() async throws {
        try await withMutant("only-first-page") { url in
            // The shrunk failure is written under Reports/failures/ (ignored by git).
            let run = try BuiltBinary.Running(
                ["run", "--sut", url, "--filter", "principle.trace", "--cases", "20", "--seed", "12", "--stall-limit", "1", "--junit", Self.path("checker.xml")])
            let (status, _, stderr) = await run.finish()
            #expect(status == 1, "\(stderr)")
            let replay = stderr.split(separator: "\n").first { $0.contains("replay: conformance replay") && $0.contains("Reports/failures/") }
            let file = try #require(replay.map { String($0.split(separator: " ").last ?? "") }, "\(stderr)")
            #expect(FileManager.default.fileExists(atPath: file) || FileManager.default.fileExists(atPath: BuiltBinary.packageRoot + "/" + file))
            let again = try BuiltBinary.Running(["replay", "--sut", url, "--junit", Self.path("replay.xml"), file])
            let (replayStatus, _, replayErr) = await again.finish()
            #expect(replayStatus == 1, "the shrunk scenario fails again: \(replayErr)")
        }
    }
}

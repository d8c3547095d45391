import Foundation
import KitPrimitives
import Testing

/// The page a person reads: a failing run against a served planted bug writes `index.html` beside
/// its JUnit report, with the grid, the root-cause groups and the replay commands, and no token;
/// `conformance html` makes the same page from the report; and (with `EAS_BROWSER=1`, which `.ci/run`
/// sets after installing Debian's `chromium`) headless Chromium renders it without a console error.
@Suite(.serialized) struct HTMLPageTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eas-html-\(getpid())").path

    /// The page and report of a failing run against `serve --mutant duplicate-check-not-atomic`,
    /// made once for the suite.
    static let failingRun = Task<(page: String, report: String)?, Never> {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let report = directory + "/junit.xml", page = directory + "/index.html"
        guard let server = try? BuiltBinary.Running(["serve", "--port", "0", "--mutant", "duplicate-check-not-atomic", "--platform-timeout", "30"]),
            let url = await server.firstLine()
        else { return nil }
        defer { _ = kill(server.process.processIdentifier, SIGTERM) }
        guard let run = try? BuiltBinary.Running([
            "run", "--sut", url, "--source-type", "all", "--filter", "connect.*", "--cases", "8", "--seed", "5", "--stall-limit", "0.2",
            "--junit", report, "--html", page,
        ]) else { return nil }
        let (status, _, _) = await run.finish()
        _ = await server.stop(with: SIGTERM)
        return status == 1 ? (page, report) : nil
    }

    @Test func aFailingRunWritesThePageWithItsGroupsReplaysAndNoToken() async throws {
        let (pagePath, reportPath) = try #require(await Self.failingRun.value, "the run against the served bug did not fail as it should")
        let page = try String(contentsOfFile: pagePath, encoding: .utf8)
        for part in [#"id="spec-grid""#, #"id="unexpected""#, #"id="cause-1""#, "connect.concurrent-same-name", "conformance replay", #"class="timeline""#] {
            #expect(page.contains(part), "the page shows \(part)")
        }
        #expect(page.firstMatch(of: /tok-[0-9a-f]{16}/) == nil && !page.contains("tok-alice"), "no token on the page")
        let again = Self.directory + "/again.html"
        let html = try BuiltBinary.Running(["html", reportPath, "--output", again])
        #expect(await html.finish().status == 0)
        #expect(try String(contentsOfFile: again, encoding: .utf8) == page, "conformance html makes the same page from the report")
    }

    @Test func noHTMLWritesNoPage() async throws {
        try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
        let page = Self.directory + "/none.html"
        let run = try BuiltBinary.Running([
            "run", "--filter", "connect.duplicate-name", "--cases", "0", "--junit", Self.directory + "/none.xml", "--html", page, "--no-html",
        ])
        #expect(await run.finish().status == 0)
        #expect(!FileManager.default.fileExists(atPath: page))
    }

    /// Two shards merged with `merge-reports` give, through `conformance html`, the whole run's totals.
    @Test func aMergedShardRunsPageHasTheWholeRunsCounts() async throws {
        try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
        func totals(_ page: String) throws -> String {
            let html = try String(contentsOfFile: page, encoding: .utf8)
            let start = try #require(html.range(of: #"id="totals">"#))
            let end = try #require(html[start.upperBound...].range(of: "</p>"))
            return String(html[start.upperBound..<end.lowerBound])
        }
        let common = ["run", "--filter", "connect.*,record.*", "--cases", "6", "--seed", "9"]
        let whole = try BuiltBinary.Running(common + ["--junit", Self.directory + "/whole.xml", "--html", Self.directory + "/whole.html"])
        #expect(await whole.finish().status == 0)
        for shard in 1...2 {
            let part = try BuiltBinary.Running(common + ["--shard", "\(shard)/2", "--junit", Self.directory + "/part-\(shard).xml", "--no-html"])
            #expect(await part.finish().status == 0)
        }
        let merge = try BuiltBinary.Running(["merge-reports", Self.directory + "/merged.xml", Self.directory + "/part-1.xml", Self.directory + "/part-2.xml"])
        #expect(await merge.finish().status == 0)
        let html = try BuiltBinary.Running(["html", Self.directory + "/merged.xml", "--output", Self.directory + "/merged.html"])
        #expect(await html.finish().status == 0)
        #expect(try totals(Self.directory + "/merged.html") == totals(Self.directory + "/whole.html"))
    }

    /// Headless Chromium renders the failing run's page: a screenshot is written, the console shows
    /// no message, and the inline script ran (the copy buttons are no longer hidden).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EAS_BROWSER"] == "1", "set EAS_BROWSER=1 (CI does) after `apt-get install chromium`"))
    func theFailingRunsPageRendersInHeadlessChromium() async throws {
        let (pagePath, _) = try #require(await Self.failingRun.value, "the run against the served bug did not fail as it should")
        let shot = Self.directory + "/page.png"
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--window-size=1000,2400"]
        let screenshot = try BuiltBinary.Running(flags + ["--screenshot=\(shot)", "file://\(pagePath)"], program: "chromium")
        let (status, _, stderr) = await screenshot.finish()
        #expect(status == 0, "\(stderr.suffix(2000))")
        let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
        #expect(size > 20_000, "a screenshot of the page (\(size) bytes)")
        #expect(!stderr.contains(":CONSOLE("), "no console message:\n\(stderr.suffix(2000))")
        let dump = try BuiltBinary.Running(flags + ["--dump-dom", "file://\(pagePath)"], program: "chromium")
        let (_, dom, _) = await dump.finish()
        #expect(dom.contains(#"id="spec-grid""#) && dom.contains(#"id="cause-1""#) && dom.contains("conformance replay"))
        #expect(dom.contains("data-copy") && !dom.contains(#"hidden="">Copy"#), "the script showed the copy buttons")
    }
}

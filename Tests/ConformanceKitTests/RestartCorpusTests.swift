import ConformanceKit
import ReferenceHarness
import ConceptValues
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Synchronization
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The whole scenario corpus against the reference on a SQLite store (a fresh database file per
/// scenario), as the in-process corpus runs against the in-memory store.
@Suite("Scenario corpus, SQLite store")
struct RestartCorpusTests {
    @Test("Scenario file passes on the SQLite store", arguments: ScenarioTestSupport.scenarioFiles)
    func scenarioPassesOnSQLite(_ file: String) async throws {
        let directory = NSTemporaryDirectory() + "eas-corpus-sqlite-\(StableHash.hex(StableHash.fnv1a64(file)))-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = FileNumbers()
        let provider = ReferenceScenarioProvider(label: "reference (in-process, SQLite store)") { options in
            // One file per implementation the runner asks for; the directory goes when the test ends.
            let path = "\(directory)/scenario-\(files.next()).sqlite"
            do throws(SQLiteStoreError) {
                options.store = try SQLiteSyncStore(path: path, options: .init(durability: .normal))
            } catch {
                Issue.record("could not open \(path): \(error)")
            }
        }
        let scenario = try ScenarioTestSupport.loader.load(file: ScenarioTestSupport.scenariosRoot + "/" + file)
        let runner = ScenarioRunner(provider: provider, configuration: .init(seed: ScenarioTestSupport.seed, callTimeout: HTTPFixtures.healthyCallTimeout, policy: .inProcess))
        let verdict = await runner.run(scenario)
        #expect(verdict.outcome == .pass, "\(ScenarioTestSupport.explain(verdict))")
        #expect(files.count > 0, "the scenario ran on a SQLite store")
    }
}

/// Numbers database files within one test.
final class FileNumbers: Sendable {
    private let counter = Mutex(0)

    func next() -> Int {
        counter.withLock {
            $0 += 1
            return $0
        }
    }

    var count: Int { counter.withLock { $0 } }
}

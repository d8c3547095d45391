import Foundation
import MockServerCore

/// Entry points for the command line: run a directory of scenarios, replay files, list them, print
/// the coverage matrix, save a scenario.
///
/// ```swift
/// let report = await ScenarioSuite.run(directory: "Scenarios", filter: ScenarioFilter("poll.*"),
///                                      provider: ReferenceScenarioProvider(), configuration: .init(seed: seed))
/// print(report.text)
/// ```
public enum ScenarioSuite {
    /// Loads every scenario under `directory` that `filter` selects and runs them.
    public static func run(
        directory: String, filter: ScenarioFilter = .all, provider: any ImplementationProvider,
        configuration: ScenarioRunner.Configuration = .init()
    ) async -> ScenarioRunReport {
        let loaded = ScenarioLoader(root: directory).loadDirectory(directory, filter: filter)
        return await ScenarioRunner(provider: provider, configuration: configuration).run(loaded)
    }

    /// Re-runs the given scenario files, in order (`conformance replay FILE...`). World paths resolve
    /// against `root`, else against the nearest ancestor of each file with a `worlds/` directory.
    public static func replay(
        files: [String], root: String? = nil, provider: any ImplementationProvider, configuration: ScenarioRunner.Configuration = .init()
    ) async -> ScenarioRunReport {
        let loaded = ScenarioLoader(root: root).load(files: files)
        return await ScenarioRunner(provider: provider, configuration: configuration).run(loaded)
    }

    /// The coverage matrix of the scenarios under `directory` (load errors are returned beside it).
    public static func coverage(directory: String, catalogue: ClauseCatalogue = .standard) -> (matrix: CoverageMatrix, errors: [ScenarioError]) {
        let loaded = ScenarioLoader(root: directory, catalogue: catalogue).loadDirectory(directory)
        return (CoverageMatrix(catalogue: catalogue, scenarios: loaded.scenarios), loaded.errors)
    }

    /// One line per scenario: id, level, the source types it runs on, title and features, in run order.
    public static func listing(_ scenarios: [Scenario]) -> String {
        let width = scenarios.map(\.id.count).max() ?? 0
        let sourcesWidth = SourcePlatform.allCases.map(\.shortName).joined(separator: ",").count
        return scenarios.map { scenario in
            let sources = scenario.sourcePlatforms.sorted().map(\.shortName).joined(separator: ",")
            return scenario.id.padded(to: width) + "  " + scenario.level.rawValue.padded(to: 6) + "  " + sources.padded(to: sourcesWidth)
                + "  " + scenario.title + (scenario.features.isEmpty ? "" : "  [" + scenario.features.joined(separator: ", ") + "]")
        }.joined(separator: "\n") + (scenarios.isEmpty ? "" : "\n")
    }

    /// Writes `scenario` as YAML to `path` (creating directories as needed).
    public static func write(_ scenario: Scenario, to path: String) throws(ScenarioError) {
        let text = try ScenarioWriter.yaml(scenario)
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ScenarioError(.unreadableFile, "cannot write the scenario: \(error.localizedDescription)", location: .init(file: path))
        }
    }
}

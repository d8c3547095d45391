import ConformanceKit
import ReferenceHarness
import Foundation
import KitTestSupport
import KitPrimitives
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Paths, the loader and the implementation the scenario tests run against.
enum ScenarioTestSupport {
    static let packageRoot: String = PackageRoot.path

    static let scenariosRoot = packageRoot + "/Scenarios"
    static let loader = ScenarioLoader(root: scenariosRoot)

    /// Every scenario file, relative to `Scenarios/`, in run order (principle first).
    static let scenarioFiles: [String] = ScenarioLoader.scenarioFiles(in: scenariosRoot).map {
        String($0.dropFirst(scenariosRoot.count + 1))
    }

    /// The run seed: `EAS_SEED`, else a fixed one.
    static let seed: UInt64 = ProcessInfo.processInfo.environment["EAS_SEED"].flatMap(RunSeed.parse) ?? 20_250_901

    /// The implementation the corpus runs against, with the matching policy: the in-process
    /// reference, or, when `EAS_SUT_URL` is set, the implementation over HTTP.
    static func implementation() -> (provider: any ImplementationProvider, policy: MatchPolicy)? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["EAS_SUT_URL"], !url.isEmpty else {
            return (ReferenceScenarioProvider(), .inProcess)
        }
        let profile = environment["EAS_PROFILE"] ?? "strict"
        guard let provider = httpProvider(baseURL: url, profile: profile) else { return nil }
        return (provider, profile == "compat-6104" ? .compat6104 : .strictHTTP)
    }

    /// The provider for an implementation over HTTP (`EAS_SUT_URL`, `EAS_PROFILE` and the other
    /// `EAS_SUT_*` settings of ``HTTPImplementation/Configuration/fromEnvironment(_:)``).
    static func httpProvider(baseURL: String, profile: String) -> (any ImplementationProvider)? {
        guard let configuration = try? HTTPImplementation.Configuration.fromEnvironment(ProcessInfo.processInfo.environment) else {
            return nil
        }
        return HTTPImplementationProvider(configuration: configuration)
    }

    /// Runs one scenario file with the configured implementation.
    static func run(file relative: String, seed: UInt64 = seed) async throws -> ScenarioVerdict? {
        guard let (provider, policy) = implementation() else { return nil }
        let scenario = try loader.load(file: scenariosRoot + "/" + relative)
        let runner = ScenarioRunner(
            provider: provider, configuration: .init(seed: seed, callTimeout: HTTPFixtures.healthyCallTimeout, policy: policy))
        return await runner.run(scenario)
    }

    /// A verdict's reason, diff and trace, for test failure messages.
    static func explain(_ verdict: ScenarioVerdict) -> String {
        var lines = ["\(verdict.outcome) [\(verdict.level)] \(verdict.scenarioID): \(verdict.reason ?? "")"]
        if let failure = verdict.failure { lines.append(failure.description) }
        lines.append("trace:")
        lines += verdict.trace
        return lines.joined(separator: "\n")
    }
}

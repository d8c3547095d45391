import KitPrimitives
import MockCanvas
import MockServerCore

/// Runs scenarios against an implementation: one mock Canvas per scenario on loopback (and a second
/// one for `$other_origin`), seeds from the run seed, a per-call timeout, and a verdict with trace,
/// history and diff for each.
///
/// ```swift
/// let loaded = ScenarioLoader().loadDirectory("Scenarios")
/// let runner = ScenarioRunner(provider: ReferenceScenarioProvider(), configuration: .init(seed: 42))
/// let report = await runner.run(loaded)
/// print(report.summary)
/// ```
public struct ScenarioRunner: Sendable {
    /// How to run.
    public struct Configuration: Sendable {
        /// The run seed; each scenario's seed is `SplitMix64.derive(seed, scenario.id)`.
        public var seed: UInt64
        /// The longest one call may take before it counts as a `timeout` harness error.
        public var callTimeout: Duration
        /// Scenarios run at the same time (1: one after another).
        public var maxConcurrentScenarios: Int
        /// How leniently answers are compared.
        public var policy: MatchPolicy
        /// Run-unique text in the isolation prefix of shared implementations. The default is fresh
        /// for every configuration (so re-running against a long-lived server, even with the same
        /// seed, never collides with an earlier run's owners and names); it never enters the history.
        public var isolationTag: String?
        /// Scenarios with any of these features are skipped.
        public var excludedFeatures: Set<String>
        /// The platforms scenarios run on (each scenario on those of its own ``Scenario/sourcePlatforms``
        /// that are listed here). Canvas alone by default; the command line and the corpus tests run all.
        public var sources: [SourcePlatform]
        /// How long injected stalls last (bounded by default; ``StallPolicy/pure`` judges the
        /// implementation's own platform timeout).
        public var stalls: StallPolicy = .bounded

        public init(
            seed: UInt64 = 0, callTimeout: Duration = .seconds(30), maxConcurrentScenarios: Int = 1, policy: MatchPolicy = .inProcess,
            isolationTag: String? = nil, excludedFeatures: Set<String> = [], sources: [SourcePlatform] = [.canvas]
        ) {
            self.sources = sources
            self.seed = seed
            self.callTimeout = callTimeout
            self.maxConcurrentScenarios = maxConcurrentScenarios
            self.policy = policy
            self.isolationTag = isolationTag ?? Self.freshIsolationTag()
            self.excludedFeatures = excludedFeatures
        }

        /// Six random hex digits: only names ever see it, never the simulated run, so system
        /// randomness is fine here (at the boundary with a real server).
        public static func freshIsolationTag() -> String {
            var generator = SystemRandomNumberGenerator()
            return "k" + String(StableHash.hex(generator.next()).suffix(6))
        }
    }

    public let provider: any ImplementationProvider
    public let configuration: Configuration

    public init(provider: any ImplementationProvider, configuration: Configuration = Configuration()) {
        self.provider = provider
        self.configuration = configuration
    }

    /// Runs loaded scenarios; files that failed to load become `error` verdicts (listed first).
    public func run(_ loaded: ScenarioLoader.Loaded) async -> ScenarioRunReport {
        let start = ContinuousClock.now
        let verdicts = loaded.errors.map(ScenarioVerdict.loadError) + (await run(loaded.scenarios))
        return ScenarioRunReport(seed: configuration.seed, implementation: provider.label, verdicts: verdicts, duration: ContinuousClock.now - start)
    }

    /// The runs of `scenarios` on the configured platforms, in order: each scenario on each of its
    /// platforms that ``Configuration/sources`` lists (Canvas first).
    public func cases(_ scenarios: [Scenario]) -> [ScenarioCase] {
        scenarios.flatMap { scenario in
            scenario.sourcePlatforms.sorted().filter(configuration.sources.contains).map { ScenarioCase(scenario: scenario, platform: $0) }
        }
    }

    /// Runs scenarios (at most ``Configuration/maxConcurrentScenarios`` at a time), each on its
    /// configured platforms; verdicts in ``cases(_:)`` order.
    public func run(_ scenarios: [Scenario]) async -> [ScenarioVerdict] {
        let cases = cases(scenarios)
        let width = max(1, configuration.maxConcurrentScenarios)
        if width == 1 {
            var verdicts: [ScenarioVerdict] = []
            for item in cases { verdicts.append(await run(item)) }
            return verdicts
        }
        return await withTaskGroup(of: (Int, ScenarioVerdict).self) { group in
            var verdicts = [ScenarioVerdict?](repeating: nil, count: cases.count)
            var next = 0
            while next < min(width, cases.count) {
                let index = next
                group.addTask { (index, await self.run(cases[index])) }
                next += 1
            }
            while let (index, verdict) = await group.next() {
                verdicts[index] = verdict
                if next < cases.count {
                    let index = next
                    group.addTask { (index, await self.run(cases[index])) }
                    next += 1
                }
            }
            return verdicts.compactMap { $0 }
        }
    }

    /// Runs one scenario on the first of its platforms the configuration lists (else its first).
    public func run(_ scenario: Scenario) async -> ScenarioVerdict {
        let platform = cases([scenario]).first?.platform ?? scenario.sourcePlatforms.first ?? .canvas
        return await run(ScenarioCase(scenario: scenario, platform: platform))
    }

    /// Runs one scenario on one platform.
    public func run(_ item: ScenarioCase) async -> ScenarioVerdict {
        let scenario = item.scenario
        let start = ContinuousClock.now
        let seed = SplitMix64.derive(configuration.seed, item.id)
        let prefix = provider.isShared ? isolationPrefix(for: item.id) : ""
        var verdict = ScenarioVerdict(
            scenarioID: item.id, title: scenario.title, file: scenario.file, level: scenario.level, spec: scenario.spec,
            features: scenario.features, outcome: .pass, reason: nil, failure: nil, errorCode: nil, trace: [], history: ScenarioHistory(),
            seed: seed, isolationPrefix: prefix, implementation: provider.label, duration: .zero, notes: [])
        verdict.source = item.platform
        if let excluded = scenario.features.first(where: configuration.excludedFeatures.contains) {
            verdict.outcome = .skip
            verdict.reason = "feature '\(excluded)' is excluded"
            return verdict
        }
        do {
            let platform = Self.platform(for: scenario, on: item.platform, seed: seed)
            let other = scenario.usesOtherOrigin ? Self.platform(for: scenario, on: item.platform, seed: SplitMix64.derive(seed, "other-origin")) : nil
            try await platform.withServer(stallLimit: configuration.stalls.limit) { origin in
                try await Self.withOptionalServer(other, stallLimit: configuration.stalls.limit) { otherOrigin in
                    let context = ScenarioContext(
                        scenario: scenario, seed: seed, platform: platform, origin: origin, otherOrigin: otherOrigin, isolationPrefix: prefix)
                    let outcome = try await provider.withImplementation(for: context) { implementation in
                        var execution = ScenarioExecution(
                            context: context, other: other, implementation: implementation, configuration: configuration)
                        await execution.run()
                        return execution.result
                    }
                    verdict.apply(outcome)
                }
            }
        } catch {
            verdict.outcome = .error
            verdict.errorCode = "harness"
            verdict.reason = "could not run the scenario: \(error)"
        }
        verdict.duration = ContinuousClock.now - start
        return verdict
    }

    /// The simulated platform for a scenario's world.
    static func platform(for scenario: Scenario, on platform: SourcePlatform, seed: UInt64) -> SimulatedPlatform {
        if let native = scenario.world.gitHubClassroomWorld { return SimulatedPlatform(gitHubClassroomWorld: native, seed: seed) }
        return SimulatedPlatform(canvasWorld: scenario.world.world, platform: platform, seed: seed)
    }

    /// `<tag>-<8 hex digits of the scenario's hash>-`: unique per run and scenario.
    func isolationPrefix(for id: String) -> String {
        let tag = configuration.isolationTag ?? Configuration.freshIsolationTag()
        return "\(tag)-\(StableHash.hex(StableHash.fnv1a64(id)).prefix(8))-"
    }

    static func withOptionalServer<Result: Sendable>(
        _ platform: SimulatedPlatform?, stallLimit: Duration?, _ body: (String?) async throws -> Result
    ) async throws -> Result {
        guard let platform else { return try await body(nil) }
        return try await platform.withServer(stallLimit: stallLimit) { origin in try await body(origin) }
    }
}

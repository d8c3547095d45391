import ConformanceKit
/// Measurements of the checker itself: commands per second against an implementation (in-process or
/// over HTTP), and the wall time of the default budget. `conformance bench checker` prints them.
///
/// ```swift
/// let inProcess = await CheckerBenchmark.measure(provider: ReferenceScenarioProvider(), cases: 20, seed: 1)
/// print(inProcess)   // 20 cases, 780 commands, 5210 calls in 1.9 s: 410 commands/s, 2742 calls/s
/// ```
public enum CheckerBenchmark {
    /// One measurement.
    public struct Measurement: Sendable, CustomStringConvertible {
        public var implementation: String
        public var cases: Int
        public var commands: Int
        /// Concept calls (the invariants' probes included).
        public var calls: Int
        public var duration: Duration
        /// Whether every case passed (a failing run measures less work).
        public var passed: Bool

        var seconds: Double { Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 }
        public var commandsPerSecond: Double { seconds > 0 ? Double(commands) / seconds : 0 }
        public var callsPerSecond: Double { seconds > 0 ? Double(calls) / seconds : 0 }

        public var description: String {
            "\(implementation): \(cases) cases, \(commands) commands, \(calls) calls in \(Self.format(seconds)) s: "
                + "\(Int(commandsPerSecond.rounded())) commands/s, \(Int(callsPerSecond.rounded())) calls/s\(passed ? "" : " (a case failed)")"
        }

        static func format(_ seconds: Double) -> String {
            let tenths = Int((seconds * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        }
    }

    /// Runs `cases` cases of `steps` commands against `provider` (no shrinking, no files) and times them.
    public static func measure(
        provider: any ImplementationProvider, policy: ModelPolicy = .inProcess, cases: Int, steps: Int = CheckerConfiguration.defaultSteps,
        seed: UInt64, platforms: [SourcePlatform] = SourcePlatform.allCases
    ) async -> Measurement {
        let configuration = CheckerConfiguration(
            seed: seed, seedSource: "benchmark", cases: cases, steps: steps, policy: policy, shrink: false, failureDirectory: nil,
            platforms: platforms)
        let run = await Checker(configuration: configuration, provider: provider).run()
        return Measurement(
            implementation: provider.label, cases: run.casesRun, commands: run.commandsRun, calls: run.calls, duration: run.duration,
            passed: run.passed)
    }

    /// The default budget (100 cases × 40 steps) against `provider` (the CLI passes the in-process
    /// reference), on `platforms` (both by default: the cases split between them).
    public static func defaultBudget(
        seed: UInt64, provider: any ImplementationProvider, platforms: [SourcePlatform] = SourcePlatform.allCases
    ) async -> Measurement {
        await measure(provider: provider, cases: CheckerConfiguration.defaultCases, seed: seed, platforms: platforms)
    }
}

import ArgumentParser
import ExternalAssignmentSync
import Foundation
import Logging
import ReferenceHarness
import WireAdapter

/// What every bench subcommand shares: the quiet logger, the machine's core count, peak memory as
/// printed, the reference served over loopback HTTP, and the wall time of a measured body.
enum BenchEnvironment {
    /// A logger that writes nothing: the benchmarks measure the work, not the logging.
    static var quietLogger: Logger { Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() } }

    /// The cores this process may use, as each table's header names them.
    static var machineCores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// This process's peak resident memory (`12.3 MiB`), or `n/a` where the system does not say.
    static var peakMemory: String { ProcessMemory.peakResidentMegabytes.map { String(format: "%.1f MiB", $0) } ?? "n/a" }

    /// `body`'s result and how long it took.
    static func timed<Result>(_ body: () async throws -> Result) async rethrows -> (result: Result, duration: Duration) {
        let start = ContinuousClock.now
        let result = try await body()
        return (result, ContinuousClock.now - start)
    }

    /// Runs `body` with the reference served on a loopback port, as the benchmarks judge it over
    /// HTTP: one course at a time, no slowdown pauses, a 2 s platform timeout, nothing logged.
    static func withServedReference<Result: Sendable>(
        _ body: (HTTPImplementationProvider) async throws -> Result
    ) async throws -> Result {
        var options = ReferenceImplementation.Options()
        options.canvas.maxConcurrentCourses = 1
        options.canvas.maxSlowdownPause = .zero
        options.canvas.requestTimeout = .seconds(2)
        options.logger = quietLogger
        return try await withReferenceServer(options: options, logger: quietLogger) { served in
            try await body(HTTPImplementationProvider(configuration: .init(baseURL: served.baseURL)))
        }
    }
}

/// The run seed of the benchmarks that generate cases (`--seed`).
struct BenchSeedOption: ParsableArguments {
    /// The seed the benchmark's figures are measured with.
    static let defaultSeed: UInt64 = 20_251_127

    @Option(help: "The run seed (decimal or 0x hex).", transform: SUTOptions.seed)
    var seed: UInt64 = Self.defaultSeed
}

import ArgumentParser
import ConformanceKit
import Foundation
import KitPrimitives
import MockServerCore

/// Options shared by `run` and `replay`: which implementation, how to talk to it, the seed, the report.
struct SUTOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An implementation over HTTP, e.g. http://127.0.0.1:8000/api (default: the embedded reference).", valueName: "url"))
    var sut: String?

    @Option(help: "How to read the implementation's answers: strict or compat-6104 (only with --sut).")
    var profile: String = "strict"

    @Option(help: "The run seed (default: EAS_SEED, else a random one, printed first).")
    var seed: UInt64?

    @Option(help: "Seconds one call may take before it counts as a timeout.")
    var timeout: Double = 10

    @Option(name: .customLong("header"), help: ArgumentHelp("An extra HTTP header for every call (repeatable).", valueName: "K=V"))
    var headers: [String] = []

    @Option(name: .customLong("body-field"), help: ArgumentHelp("An extra JSON body field for every call, e.g. sessionToken=abc (repeatable).", valueName: "K=V"))
    var bodyFields: [String] = []

    @Option(help: "Where to write the JUnit XML report.")
    var junit: String = "Reports/junit.xml"

    @Option(help: "A file of known failures (FAIL or FLAKY with a reason); only unexpected results fail the run.")
    var expectations: String?

    @Option(help: ArgumentHelp("The embedded reference's store: memory, or sqlite (a database file per case, reopened at every crash-restart, so the checker also crashes and restarts the reference between commands).", valueName: "memory|sqlite"))
    var store: String = "memory"

    @Option(
        name: .customLong("source-type"),
        help: ArgumentHelp(
            "The platforms scenarios run on: canvas, github-classroom, or all (comma-separated). A scenario runs on those of its own `sources:` listed here; GitHub Classroom runs are reported as <id>[github-classroom].",
            valueName: "canvas|github-classroom|all"))
    var sourceType: String = "all"

    @Option(name: .customLong("sut-restart-cmd"), help: ArgumentHelp("A shell command that kills the implementation under --sut (ideally SIGKILL) and starts it again on its durable state; with it the checker crashes and restarts the implementation between commands.", valueName: "command"))
    var sutRestartCommand: String?

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard WireProfile(rawValue: profile) != nil else { throw ValidationError("--profile must be strict or compat-6104") }
        for pair in headers + bodyFields where !pair.contains("=") { throw ValidationError("'\(pair)' is not K=V") }
        do {
            _ = try SourcePlatform.parseList(sourceType)
        } catch {
            throw ValidationError("--source-type: \(error)")
        }
        guard store == "memory" || store == "sqlite" else { throw ValidationError("--store must be memory or sqlite") }
        if store != "memory", sut != nil { throw ValidationError("--store applies to the embedded reference, not to --sut") }
        if sutRestartCommand != nil, sut == nil { throw ValidationError("--sut-restart-cmd needs --sut (the embedded reference restarts with --store sqlite)") }
    }

    /// The implementations to test: the embedded reference (restartable on a SQLite store), or the
    /// one at `--sut` (restartable with `--sut-restart-cmd`).
    func provider(for http: HTTPImplementation.Configuration?) -> any ImplementationProvider {
        guard let http else {
            return store == "sqlite" ? RestartableReferenceProvider(storage: .sqlite()) : ReferenceScenarioProvider()
        }
        let base = HTTPImplementationProvider(configuration: http)
        guard let sutRestartCommand else { return base }
        return RestartingImplementationProvider(base: base, hook: ShellRestartHook(sutRestartCommand))
    }

    /// The platforms chosen with `--source-type` (the one place the option is parsed).
    func sourcePlatforms() -> [SourcePlatform] {
        (try? SourcePlatform.parseList(sourceType)) ?? SourcePlatform.allCases
    }

    /// The run seed, and where it came from.
    func resolvedSeed() -> UInt64 {
        if let seed { return seed }
        if let text = ProcessInfo.processInfo.environment["EAS_SEED"], let value = UInt64(text) { return value }
        // The only random choice of a run, made before it starts and printed so it can be replayed.
        var generator = SystemRandomNumberGenerator()
        return generator.next() % 1_000_000_000
    }

    /// The HTTP configuration for `--sut`, or nil for the embedded reference.
    func httpConfiguration() throws -> HTTPImplementation.Configuration? {
        guard let sut else { return nil }
        var configuration = HTTPImplementation.Configuration(baseURL: sut, profile: WireProfile(rawValue: profile) ?? .strict)
        configuration.timeout = .milliseconds(Int64(timeout * 1000))
        for pair in headers {
            let (name, value) = split(pair)
            configuration.headers.append((name, value))
        }
        for pair in bodyFields {
            let (name, value) = split(pair)
            configuration.extraBodyFields.append((name, .string(value)))
        }
        try configuration.validate()
        return configuration
    }

    private func split(_ pair: String) -> (String, String) {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
}

/// A deterministic partition: `--shard K/N` runs the K-th of N parts (1-based).
struct Shard: ExpressibleByArgument, Sendable {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }

    static let whole = Shard(argument: "1/1")!

    /// Whether an item with a stable key belongs to this shard.
    func includes(_ key: String) -> Bool {
        count == 1 || Int(StableHash.fnv1a64(key) % UInt64(count)) == index - 1
    }
}

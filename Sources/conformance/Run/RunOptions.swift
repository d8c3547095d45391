import ArgumentParser
import ConformanceKit
import ReferenceHarness
import Foundation
import KitPrimitives
import MockServerCore
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Options shared by `run` and `replay`: which implementation, how to talk to it, the seed, the report.
struct SUTOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An implementation over HTTP, e.g. http://127.0.0.1:8000/api (default: the embedded reference).", valueName: "url"))
    var sut: String?

    @Option(help: "How to read the implementation's answers: strict or compat-6104 (only with --sut; default strict, or the adapter file's).")
    var profile: String?

    @Option(help: ArgumentHelp("An adapter file (YAML): base, routes, headers, body fields, sessions per owner, error names, source types (see the README).", valueName: "file"))
    var adapter: String?

    @Option(name: .customLong("route"), help: ArgumentHelp("Where a call goes, e.g. _getSourcesForUser=ExternalAssignmentSync/getSourcesForUser (a path under the base, or a URL; repeatable).", valueName: "NAME=PATH"))
    var routes: [String] = []

    @Option(help: "The run seed, decimal or 0x hex (default: EAS_SEED, else a random one, printed first).", transform: Self.seed)
    var seed: UInt64?

    @Option(help: "Seconds one call may take before it counts as a timeout (default: 10 with --sut; 60 for the embedded reference, where it only guards against a hang).")
    var timeout: Double?

    @Option(
        name: .customLong("stall-limit"),
        help: ArgumentHelp(
            "How long a stall the mock platform injects lasts: 'none' (until the implementation gives up: the test of its platform timeout; the default with --sut) or seconds, after which the mock resets the connection (the default for the embedded reference: 0.2).",
            valueName: "none|seconds"))
    var stallLimit: String?

    @Option(name: .customLong("header"), help: ArgumentHelp("An extra HTTP header for every call (repeatable).", valueName: "K=V"))
    var headers: [String] = []

    @Option(name: .customLong("body-field"), help: ArgumentHelp("An extra JSON body field for every call, e.g. sessionToken=abc (repeatable).", valueName: "K=V"))
    var bodyFields: [String] = []

    @Option(help: "Where to write the JUnit XML report.")
    var junit: String = "Reports/junit.xml"

    @Option(help: "Where to write the report as a page for people (one self-contained HTML file).")
    var html: String = "Reports/index.html"

    @Flag(name: .customLong("no-html"), help: "Write no HTML page.")
    var noHTML = false

    @Option(help: "A file of known failures (FAIL or FLAKY with a reason); only unexpected results fail the run.")
    var expectations: String?

    @Option(help: ArgumentHelp("The embedded reference's store: memory, or sqlite (a database file per case, reopened at every crash-restart, so the checker also crashes and restarts the reference between commands).", valueName: "memory|sqlite"))
    var store: String = "memory"

    @Option(
        name: .customLong("source-type"),
        help: ArgumentHelp(
            "The source types the implementation supports: canvas, github-classroom, or all (comma-separated; default: all for the embedded reference, canvas with --sut). Runs on the others are reported as skipped; GitHub Classroom runs are named <id>[github-classroom].",
            valueName: "canvas|github-classroom|all"))
    var sourceType: String?

    @Option(name: .customLong("sut-restart-cmd"), help: ArgumentHelp("A shell command that kills the implementation under --sut (ideally SIGKILL) and starts it again on its durable state; with it the checker crashes and restarts the implementation between commands.", valueName: "command"))
    var sutRestartCommand: String?

    @Flag(help: "List every unexpected result in the summary, not only one line per root cause.")
    var verbose = false

    func validate() throws {
        do { _ = try RunSeed.fromEnvironment(ProcessInfo.processInfo.environment) } catch { throw ValidationError(error.description) }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be positive") }
        if let stallLimit, Self.parseStallLimit(stallLimit) == nil { throw ValidationError("--stall-limit must be 'none' or a positive number of seconds, got '\(stallLimit)'") }
        if let profile, WireProfile(rawValue: profile) == nil { throw ValidationError("--profile must be strict or compat-6104") }
        for pair in headers + bodyFields + routes where !pair.contains("=") { throw ValidationError("'\(pair)' is not K=V") }
        for pair in routes where ConceptVocabulary.named(split(pair).0) == nil {
            throw ValidationError("--route \(pair): '\(split(pair).0)' is not a call; the calls are \(ConceptVocabulary.names.joined(separator: ", "))")
        }
        if let sourceType {
            do {
                _ = try SourcePlatform.parseList(sourceType)
            } catch {
                throw ValidationError("--source-type: \(error)")
            }
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

    /// The per-call timeout: `--timeout`, else 10 s over HTTP (the implementation's budget) or 60 s
    /// in-process (the embedded reference's platform timeouts are generous; this only catches a hang).
    var callTimeout: Duration {
        .milliseconds(Int64((timeout ?? (sut == nil ? 60 : 10)) * 1000))
    }

    /// How long injected stalls last: `--stall-limit`, else pure with `--sut` (the implementation's
    /// own timeout is under test) and bounded for the embedded reference.
    var stalls: StallPolicy {
        stallLimit.flatMap(Self.parseStallLimit) ?? (sut == nil ? .bounded : .pure)
    }

    static func parseStallLimit(_ text: String) -> StallPolicy? {
        if text.lowercased() == "none" { return .pure }
        guard let seconds = Double(text), seconds > 0, seconds.isFinite else { return nil }
        return .resetAfter(.milliseconds(Int64((seconds * 1000).rounded(.up))))
    }

    /// The source types the implementation declares: `--source-type`, else `declared` (an adapter
    /// file's `sourceTypes:`), else every one for the embedded reference and Canvas alone with `--sut`
    /// (the one place the option is parsed).
    func sourcePlatforms(declared: [SourcePlatform]? = nil) -> [SourcePlatform] {
        if let sourceType, let parsed = try? SourcePlatform.parseList(sourceType) { return parsed }
        if let declared, !declared.isEmpty { return declared }
        return sut == nil ? SourcePlatform.allCases : [.canvas]
    }

    /// A `--seed` value in the one grammar (``RunSeed``).
    static func seed(_ text: String) throws -> UInt64 {
        guard let seed = RunSeed.parse(text) else { throw ValidationError("--seed must be \(RunSeed.grammar), got '\(text)'") }
        return seed
    }

    /// The run seed: `--seed`, else `EAS_SEED` (checked in ``validate()``), else a random one.
    func resolvedSeed() -> UInt64 {
        if let seed { return seed }
        if let value = try? RunSeed.fromEnvironment(ProcessInfo.processInfo.environment) { return value }
        // The only random choice of a run, made before it starts and printed so it can be replayed.
        var generator = SystemRandomNumberGenerator()
        return generator.next() % 1_000_000_000
    }

    /// The wire profile: `--profile`, else strict.
    var wireProfile: WireProfile { profile.flatMap(WireProfile.init(rawValue:)) ?? .strict }

    /// These options with the adapter file's defaults filled in (`base:` as `--sut`, `profile:`,
    /// `sourceTypes:`); flags given on the command line win.
    func filled(from adapter: AdapterFile?) -> SUTOptions {
        guard let adapter else { return self }
        var options = self
        if options.sut == nil { options.sut = adapter.base }
        if options.profile == nil { options.profile = adapter.profile?.rawValue }
        if options.sourceType == nil, let types = adapter.sourceTypes { options.sourceType = types.map(\.shortName).joined(separator: ",") }
        return options
    }

    /// Reads `--adapter` (nil without one); a malformed file is a configuration error naming file, line and field.
    func loadAdapter() throws(MockError) -> AdapterFile? {
        guard let adapter else { return nil }
        return try AdapterFile.load(contentsOf: adapter)
    }

    /// The HTTP configuration for `--sut`, or nil for the embedded reference; the adapter file's
    /// routes, headers, body fields, session and error names apply first, then `--route`, `--header`
    /// and `--body-field`.
    func httpConfiguration(adapter: AdapterFile? = nil) throws -> HTTPImplementation.Configuration? {
        guard let sut else { return nil }
        var configuration = HTTPImplementation.Configuration(baseURL: sut, profile: wireProfile)
        adapter?.apply(to: &configuration)
        for pair in routes {
            let (name, path) = split(pair)
            configuration.routes[name] = path
        }
        configuration.timeout = callTimeout
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

import KitPrimitives
import ConformanceKit
import PropertyChecker

/// What every report of one run records about it (README, "Reports"): the kit's version, the run seed,
/// the implementation under test, the profile, and how to replay.
public struct RunContext: Sendable {
    /// The kit's version.
    public var kitVersion: String
    /// The run seed every scenario and property case derives its own seed from.
    public var seed: UInt64
    /// The implementation's label.
    public var implementation: String
    /// The wire profile (`in-process`, `strict`, `compat-6104`).
    public var profile: String
    /// The command that re-runs this whole run (`conformance run --seed …`).
    public var rerunCommand: String
    /// The replay command for one scenario file.
    public var replayCommand: @Sendable (String) -> String
    /// Where each call went over HTTP (spec name, route as resolved), in the vocabulary's order.
    public var routes: [(name: String, route: String)] = []

    public init(
        kitVersion: String, seed: UInt64, implementation: String, profile: String, rerunCommand: String,
        replayCommand: @escaping @Sendable (String) -> String
    ) {
        self.kitVersion = kitVersion
        self.seed = seed
        self.implementation = implementation
        self.profile = profile
        self.rerunCommand = rerunCommand
        self.replayCommand = replayCommand
    }

    /// The replay command for one scenario file run on `source`: on a platform other than Canvas it
    /// names the platform (`--source-type github-classroom`), so the replay runs that case.
    public func replayCommand(_ file: String, source: SourcePlatform) -> String {
        let command = replayCommand(file)
        guard source != .canvas, command.hasPrefix("conformance replay ") else { return command }
        return "conformance replay --source-type \(source.shortName) " + command.dropFirst("conformance replay ".count)
    }
}

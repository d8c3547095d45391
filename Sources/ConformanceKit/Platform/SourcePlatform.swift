import Foundation

/// A platform a source can live on, as the kit runs it: the `sourceType` an implementation registers
/// its connector under, the mock that plays the platform, and the short name reports use.
///
/// Scenarios are written in Canvas terms (Canvas worlds are the kit's lingua franca); a GitHub
/// Classroom run translates the world, the platform changes, the fault paths and the expectations
/// (see ``SimulatedPlatform`` and `Scenarios/README.md`).
///
/// ```swift
/// let platforms = try SourcePlatform.parseList("canvas,github-classroom")   // or "all"
/// for platform in platforms { print(platform.sourceType, platform.shortName) }
/// ```
public enum SourcePlatform: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// Canvas LMS (the mock Canvas; the reference's Canvas connector).
    case canvas
    /// GitHub Classroom (the mock GitHub Classroom; the reference's GitHub Classroom connector).
    case gitHubClassroom

    /// The `sourceType` value passed to `connectSource` (`Canvas`, `GitHub Classroom`).
    public var sourceType: String {
        switch self {
        case .canvas: "Canvas"
        case .gitHubClassroom: "GitHub Classroom"
        }
    }

    /// The lowercase name used in report ids, file names and options (`canvas`, `github-classroom`).
    public var shortName: String {
        switch self {
        case .canvas: "canvas"
        case .gitHubClassroom: "github-classroom"
        }
    }

    /// `sourceType`.
    public var description: String { sourceType }

    /// The platform whose `sourceType` (as in scenario files: `Canvas`, `GitHub Classroom`) or short
    /// name (`canvas`, `github-classroom`) is `name`; case and surrounding spaces do not matter.
    public init?(named name: String) {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = Self.allCases.first(where: { $0.sourceType.lowercased() == wanted || $0.shortName == wanted }) else {
            return nil
        }
        self = match
    }

    /// Every name ``init(named:)`` accepts, for error messages.
    public static var acceptedNames: [String] { allCases.flatMap { [$0.shortName, $0.sourceType] } }

    /// The platforms a `--source-type` value names: `all`, or names separated by commas.
    ///
    /// - Parameter text: `all`, `canvas`, `github-classroom`, `canvas,github-classroom`, ...
    /// - Returns: The platforms in ``allCases`` order, each once.
    /// - Throws: ``UnknownName`` for a name no platform has.
    public static func parseList(_ text: String) throws(UnknownName) -> [SourcePlatform] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.isEmpty || names.contains(where: { $0.lowercased() == "all" }) { return allCases }
        var chosen: Set<SourcePlatform> = []
        for name in names {
            guard let platform = SourcePlatform(named: name) else { throw UnknownName(name: name) }
            chosen.insert(platform)
        }
        return allCases.filter(chosen.contains)
    }

    /// A source type name no platform has.
    public struct UnknownName: Error, Hashable, CustomStringConvertible {
        /// The name as given.
        public var name: String
        /// A name no platform has.
        public init(name: String) { self.name = name }
        public var description: String {
            "unknown source type '\(name)'; known: all, \(SourcePlatform.acceptedNames.joined(separator: ", "))"
        }
    }

    /// The suffix a run on this platform adds to a scenario id in reports: empty for Canvas (its
    /// ids stay as they always were, so old reports and replays remain valid), `[github-classroom]`
    /// otherwise.
    public var reportSuffix: String { self == .canvas ? "" : "[\(shortName)]" }

    /// Splits a run id (`principle.trace[github-classroom]`) into the scenario id and the platform;
    /// nil when `runID` has no platform suffix or names no platform.
    public static func splitRunID(_ runID: String) -> (scenarioID: String, platform: SourcePlatform)? {
        guard runID.hasSuffix("]"), let open = runID.lastIndex(of: "[") else { return nil }
        let name = runID[runID.index(after: open)..<runID.index(before: runID.endIndex)]
        guard let platform = SourcePlatform(named: String(name)), platform != .canvas else { return nil }
        return (String(runID[..<open]), platform)
    }

    public static func < (lhs: SourcePlatform, rhs: SourcePlatform) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

import Foundation
import MockCanvas
import MockGitHubClassroom
import MockServerCore

/// Loads and validates scenario files: one file, a list of files (replay), or a directory tree.
///
/// ```swift
/// let loaded = ScenarioLoader().loadDirectory("Scenarios", filter: ScenarioFilter("connect.*"))
/// for error in loaded.errors { print(error) }   // file:line:column: field 'steps[2].with.owner': …
/// ```
public struct ScenarioLoader: Sendable {
    /// The directory world paths are relative to; nil: the nearest ancestor of each file that has a
    /// `worlds/` directory (else the file's own directory).
    public var root: String?
    /// The clause ids `spec:` may name.
    public var catalogue: ClauseCatalogue

    public init(root: String? = nil, catalogue: ClauseCatalogue = .standard) {
        self.root = root
        self.catalogue = catalogue
    }

    /// The result of loading several files: the valid scenarios and the errors of the others.
    public struct Loaded: Sendable {
        public var scenarios: [Scenario]
        public var errors: [ScenarioError]

        public init(scenarios: [Scenario] = [], errors: [ScenarioError] = []) {
            self.scenarios = scenarios
            self.errors = errors
        }
    }

    /// Parses scenario text; `file` labels errors and `root` resolves world paths.
    public func parse(_ text: String, file: String, root: String? = nil) throws(ScenarioError) -> Scenario {
        let base = root ?? self.root ?? Self.inferredRoot(for: file)
        let parser = ScenarioParser(
            file: file, root: base, catalogue: catalogue,
            loadWorld: { path throws(ScenarioError) in try Self.loadWorld(path, root: base) },
            loadGitHubWorld: { path throws(ScenarioError) in try Self.loadWorld(path, root: base, as: GitHubClassroomWorld.self) })
        return try parser.parse(text)
    }

    /// Reads and parses one file.
    public func load(file path: String) throws(ScenarioError) -> Scenario {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(.unreadableFile, "cannot read scenario file", location: .init(file: path))
        }
        return try parse(text, file: path)
    }

    /// Loads the given files in order (replay); duplicate ids are errors.
    public func load(files: [String], filter: ScenarioFilter = .all) -> Loaded {
        var loaded = Loaded()
        var seen: [String: String] = [:]
        for file in files {
            do {
                let scenario = try load(file: file)
                guard filter.matches(scenario) else { continue }
                if let first = seen[scenario.id] {
                    loaded.errors.append(ScenarioError(
                        .duplicateID, "scenario id '\(scenario.id)' is already used by \(first)", location: .init(file: file, line: 1, field: "id")))
                    continue
                }
                seen[scenario.id] = file
                loaded.scenarios.append(scenario)
            } catch {
                loaded.errors.append(error)
            }
        }
        return loaded
    }

    /// Loads every `*.yaml` / `*.yml` under `directory` (except `worlds/`), principle first, then by
    /// area and file name.
    public func loadDirectory(_ directory: String, filter: ScenarioFilter = .all) -> Loaded {
        var loader = self
        loader.root = root ?? directory
        return loader.load(files: Self.scenarioFiles(in: directory), filter: filter)
    }

    /// The scenario files under `directory`, in run order.
    public static func scenarioFiles(in directory: String) -> [String] {
        let base = URL(fileURLWithPath: directory)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator {
            let relative = url.path.dropFirst(base.path.count).drop { $0 == "/" }
            if relative.hasPrefix("worlds/") || relative == "worlds" { continue }
            guard url.pathExtension == "yaml" || url.pathExtension == "yml" else { continue }
            files.append(String(relative))
        }
        return files.sorted { runOrder($0) < runOrder($1) }.map { base.appendingPathComponent($0).path }
    }

    /// Areas in the order they run and are listed; others follow alphabetically.
    public static let areaOrder = [
        "principle", "connect", "disconnect", "poll", "identify", "record", "queries", "faults", "rate-limit", "security",
        "interpretations",
    ]

    static func runOrder(_ relative: String) -> (Int, String) {
        let area = relative.split(separator: "/").first.map(String.init) ?? ""
        let rank = areaOrder.firstIndex(of: area) ?? areaOrder.count
        // The principle trace leads its folder.
        let name = relative.hasSuffix("principle-trace.yaml") ? " " + relative : relative
        return (rank, name)
    }

    static func inferredRoot(for file: String) -> String {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        let start = url.path
        while url.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("worlds").path, isDirectory: &isDirectory), isDirectory.boolValue {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        return start
    }

    static func loadWorld<World: PlatformWorld>(_ path: String, root: String, as type: World.Type = CanvasWorld.self) throws(ScenarioError) -> World {
        let full = path.hasPrefix("/") ? path : URL(fileURLWithPath: root).appendingPathComponent(path).path
        do {
            return try World.load(contentsOf: full)
        } catch {
            let code: ScenarioError.Code = error.code == .unreadableFile ? .unreadableFile : .invalidWorld
            throw ScenarioError(code, error.message, location: error.location ?? .init(file: full))
        }
    }
}

/// Which scenarios to run: id patterns (`*` matches any run of characters; a pattern without `*`
/// matches ids containing it), levels and features.
public struct ScenarioFilter: Sendable, Hashable {
    public var patterns: [String]
    public var levels: Set<ScenarioLevel>?
    public var features: Set<String>?

    /// Everything.
    public static let all = ScenarioFilter()

    /// Patterns separated by commas, e.g. `"connect.*,poll.rate-*"`.
    public init(_ patterns: String = "", levels: Set<ScenarioLevel>? = nil, features: Set<String>? = nil) {
        self.patterns = patterns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.levels = levels
        self.features = features
    }

    public func matches(_ scenario: Scenario) -> Bool {
        if let levels, !levels.contains(scenario.level) { return false }
        if let features, features.isDisjoint(with: scenario.features) { return false }
        guard !patterns.isEmpty else { return true }
        return patterns.contains { Self.glob($0, scenario.id) }
    }

    static func glob(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains("*") else { return text.contains(pattern) }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for (index, part) in parts.enumerated().dropFirst() {
            if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}

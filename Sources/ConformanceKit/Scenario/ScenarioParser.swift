import Foundation
import MockCanvas
import MockGitHubClassroom
import MockServerCore
import Yams

/// Turns one scenario file's text into a validated ``Scenario``: unknown keys, unknown calls, wrong
/// argument types, unbound `$names` and unknown clause ids are errors naming file, line and field.
package struct ScenarioParser {
    /// The file name used in errors.
    package let file: String
    /// The directory world paths are relative to.
    package let root: String
    /// The clause ids `spec:` may name.
    package let catalogue: ClauseCatalogue
    /// Loads world files (cached by the loader).
    package let loadWorld: (String) throws(ScenarioError) -> CanvasWorld
    /// Loads GitHub Classroom world files (`worlds/github-classroom/…`).
    package let loadGitHubWorld: (String) throws(ScenarioError) -> GitHubClassroomWorld

    package static let topLevelKeys = ["id", "title", "spec", "level", "features", "description", "sources", "world", "steps"]

    package func parse(_ text: String) throws(ScenarioError) -> Scenario {
        let root = try YAMLCursor.root(of: text, file: file)
        let entries = try root.entries(allowed: Self.topLevelKeys, what: "scenario mapping")
        func required(_ key: String) throws(ScenarioError) -> YAMLCursor {
            guard let entry = entries.first(where: { $0.key == key }) else {
                throw root.error(.missingKey, "required key '\(key)' is missing")
            }
            return entry.value
        }
        func optional(_ key: String) -> YAMLCursor? { entries.first { $0.key == key }?.value }

        let idCursor = try required("id")
        let id = try idCursor.string()
        guard Self.isValidID(id) else {
            throw idCursor.error(.invalidValue, "an id is lowercase letters, digits, '.', '-' and '_' (e.g. connect.duplicate-name), got '\(id)'")
        }
        let title = try required("title").string()
        let specCursor = try required("spec")
        let spec = try specCursor.strings()
        guard !spec.isEmpty else { throw specCursor.error(.invalidValue, "spec must name at least one clause") }
        for (index, clause) in spec.enumerated() where catalogue.clause(clause) == nil {
            let at = specCursor.node.sequence == nil ? specCursor : (try specCursor.elements())[index]
            throw at.error(.unknownClause, "unknown clause id '\(clause)'\(catalogue.suggestion(for: clause).map { "; did you mean '\($0)'?" } ?? "")")
        }
        let levelCursor = try required("level")
        let levelText = try levelCursor.string()
        guard let level = ScenarioLevel(rawValue: levelText) else {
            throw levelCursor.error(.invalidValue, "level must be MUST, SHOULD or INFO, got '\(levelText)'")
        }
        var features: [String] = []
        if let featuresCursor = optional("features") {
            features = try featuresCursor.strings()
            for (index, feature) in features.enumerated() where !ScenarioFeature.known.contains(feature) {
                let at = featuresCursor.node.sequence == nil ? featuresCursor : (try featuresCursor.elements())[index]
                throw at.error(.invalidValue, "unknown feature '\(feature)'; known: \(ScenarioFeature.known.sorted().joined(separator: ", "))")
            }
        }
        let description = try optional("description")?.string()
        let sourcesCursor = optional("sources")
        let sources = try sourcesCursor.map { (cursor: YAMLCursor) throws(ScenarioError) in try parseSources(cursor) }
        let worldCursor = try required("world")
        let world = try parseWorld(worldCursor)
        let gitHubOnly = sources == [.gitHubClassroom]
        if world.gitHubClassroomWorld != nil, !gitHubOnly {
            throw worldCursor.error(.invalidValue, "a GitHub Classroom world needs `sources: [GitHub Classroom]`")
        }
        let stepsCursor = try required("steps")
        var bound = ScenarioBuiltin.all
        var steps: [ScenarioStep] = []
        for stepCursor in try stepsCursor.elements() {
            let step = try parseStep(stepCursor, bound: &bound, gitHubNative: world.gitHubClassroomWorld != nil)
            if case .gitHub = step.action, !gitHubOnly {
                throw stepCursor.error(.invalidValue, "a `github:` step needs `sources: [GitHub Classroom]`")
            }
            if case .canvas = step.action, world.gitHubClassroomWorld != nil {
                throw stepCursor.error(.invalidValue, "a `canvas:` step does not apply to a GitHub Classroom world; use `github:`")
            }
            steps.append(step)
        }
        guard !steps.isEmpty else { throw stepsCursor.error(.invalidValue, "a scenario needs at least one step") }
        let scenario = Scenario(
            id: id, title: title, spec: spec, level: level, features: features, description: description, sources: sources, world: world,
            steps: steps, file: file)
        if sources == nil, let problem = scenario.gitHubClassroomProblem {
            throw root.error(
                .invalidValue, "this scenario cannot run on GitHub Classroom (\(problem)); say so with `sources: [Canvas]`")
        }
        return scenario
    }

    /// `sources:` a non-empty list of source types (`Canvas`, `GitHub Classroom`), each once.
    private func parseSources(_ cursor: YAMLCursor) throws(ScenarioError) -> [SourcePlatform] {
        guard cursor.node.sequence != nil else {
            throw cursor.error(.wrongType, "sources is a list of source types, e.g. [Canvas, GitHub Classroom]; got \(cursor.kindName)")
        }
        var platforms: [SourcePlatform] = []
        for element in try cursor.elements() {
            let name = try element.string()
            guard let platform = SourcePlatform(named: name) else {
                throw element.error(.invalidValue, "unknown source type '\(name)'; known: \(SourcePlatform.allCases.map(\.sourceType).joined(separator: ", "))")
            }
            guard !platforms.contains(platform) else { throw element.error(.invalidValue, "source type '\(name)' is listed twice") }
            platforms.append(platform)
        }
        guard !platforms.isEmpty else { throw cursor.error(.invalidValue, "sources must name at least one source type") }
        return platforms
    }

    /// World files under this folder are written in GitHub Classroom terms.
    package static let gitHubWorldFolder = "worlds/github-classroom/"

    package static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, CharacterSet.lowercaseLetters.contains(first) || CharacterSet.decimalDigits.contains(first) else {
            return false
        }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
    }

    private func parseWorld(_ cursor: YAMLCursor) throws(ScenarioError) -> ScenarioWorld {
        if case .scalar(_) = cursor.node {
            let path = try cursor.string()
            do {
                if path.hasPrefix(Self.gitHubWorldFolder) { return .gitHubClassroomFile(path, try loadGitHubWorld(path)) }
                return .file(path, try loadWorld(path))
            } catch {
                if error.code == .unreadableFile {
                    throw cursor.error(.unreadableFile, "cannot read world file '\(path)' (relative to \(root))")
                }
                throw error
            }
        }
        var world: CanvasWorld = try EmbeddedValue.decode(CanvasWorld.self, from: cursor, code: .invalidWorld)
        do {
            try world.validate()
        } catch {
            let at = error.location?.field.map { cursor.descend($0) } ?? cursor
            throw at.error(.invalidWorld, error.message)
        }
        world.normalize()
        return .inline(world)
    }
}

/// The feature tags a scenario may carry (as test262 checks `features` against `features.txt`).
public enum ScenarioFeature {
    public static let known: Set<String> = [
        "canvas", "faults", "rate-limit", "pagination", "security", "clock", "offsets", "transport", "redirect",
        "principle", "queries", "interpretation", "world-changes", "fingerprints", "concurrency",
    ]
}

import MockCanvas
import MockGitHubClassroom

/// One scenario: a short, declarative story that pins one or more clauses of the spec.
///
/// Scenarios are loaded from YAML (``ScenarioLoader``), run by ``ScenarioRunner`` against any
/// ``ImplementationUnderTest``, and written back by ``ScenarioWriter`` (the property checker saves
/// failing cases this way). The format is documented in `Scenarios/README.md`.
public struct Scenario: Sendable, Hashable, Identifiable {
    /// A stable id, `area.what-it-checks` (e.g. `connect.duplicate-name-before-credentials`).
    public var id: String
    /// One line for people.
    public var title: String
    /// The clause ids it checks (``ClauseCatalogue``).
    public var spec: [String]
    /// How binding a failure is.
    public var level: ScenarioLevel
    /// Tags such as `canvas`, `faults`, `rate-limit`, `pagination`, `security`.
    public var features: [String]
    /// A longer explanation, if any.
    public var description: String?
    /// The platforms it runs on when written explicitly (`sources:`); nil: the default
    /// (``defaultSources``), see ``sourcePlatforms``.
    public var sources: [SourcePlatform]?
    /// The platform's starting state (a Canvas world, translated for GitHub Classroom runs).
    public var world: ScenarioWorld
    /// What happens, in order.
    public var steps: [ScenarioStep]
    /// The file it came from (nil when built in code).
    public var file: String?

    public init(
        id: String, title: String, spec: [String], level: ScenarioLevel, features: [String] = [],
        description: String? = nil, sources: [SourcePlatform]? = nil, world: ScenarioWorld, steps: [ScenarioStep], file: String? = nil
    ) {
        self.sources = sources
        self.id = id
        self.title = title
        self.spec = spec
        self.level = level
        self.features = features
        self.description = description
        self.world = world
        self.steps = steps
        self.file = file
    }

    /// The platforms it runs on: `sources:` when given, else every platform when everything in it
    /// translates to GitHub Classroom (``gitHubClassroomProblem``), else Canvas alone.
    public var sourcePlatforms: [SourcePlatform] {
        sources ?? (gitHubClassroomProblem == nil ? SourcePlatform.allCases : [.canvas])
    }

    /// Whether any step refers to `$other_origin` (the runner then starts a second mock).
    public var usesOtherOrigin: Bool {
        steps.contains { $0.mentions(ScenarioBuiltin.otherOrigin) }
    }
}

/// How binding a scenario's failure is (see the interpretations in Scenarios/README.md).
public enum ScenarioLevel: String, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    /// The spec says so: an implementation that fails it does not conform.
    case must = "MUST"
    /// The kit's reading where the spec is silent: the strict profile fails it, compat reports it.
    case should = "SHOULD"
    /// Information only (e.g. orphaned mappings): never fails a run.
    case info = "INFO"

    public var description: String { rawValue }

    public static func < (lhs: ScenarioLevel, rhs: ScenarioLevel) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The platform's starting state: a Canvas world file (relative to the scenarios root) or inline,
/// or a GitHub Classroom world file (`worlds/github-classroom/…`, for GitHub-only scenarios).
public enum ScenarioWorld: Sendable, Hashable {
    /// A world file, as written (`worlds/basic.yaml`), and its contents.
    case file(String, CanvasWorld)
    /// A world written in the scenario.
    case inline(CanvasWorld)
    /// A GitHub Classroom world file, as written, and its contents.
    case gitHubClassroomFile(String, GitHubClassroomWorld)

    /// The Canvas world (for a GitHub Classroom world: an empty Canvas world at its clock).
    public var world: CanvasWorld {
        switch self {
        case .file(_, let world), .inline(let world): world
        case .gitHubClassroomFile(_, let world): CanvasWorld(clock: world.clock)
        }
    }

    /// The GitHub Classroom world, when the file is written in GitHub Classroom terms.
    public var gitHubClassroomWorld: GitHubClassroomWorld? {
        if case .gitHubClassroomFile(_, let world) = self { return world }
        return nil
    }
}

/// The names a scenario may use without binding them.
public enum ScenarioBuiltin {
    /// The scenario's mock platform base URL (`http://127.0.0.1:<port>`): the mock Canvas, or in a
    /// GitHub Classroom run the mock GitHub Classroom.
    public static let canvas = "canvas"
    /// The same as `$canvas`, in words that fit every platform.
    public static let platform = "platform"
    /// A second mock on another origin, for cross-origin checks.
    public static let otherOrigin = "other_origin"
    /// The mock's virtual time when the step runs.
    public static let now = "now"

    /// Every built-in name.
    public static let all: Set<String> = [canvas, platform, otherOrigin, now]
}

/// Where and how an answer differs from the expectation: the readable diff of a failing step.
public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
    /// The path in the answer, e.g. `rawExternalAssignments[externalId=50002].details.dueDate`
    /// (empty for the whole answer).
    public var path: String
    /// What was expected, in the file syntax.
    public var expected: String
    /// What the implementation answered.
    public var actual: String
    /// More context (missing and unexpected elements of a set, the alternatives tried).
    public var detail: String?
    /// What the platform saw that points at the cause (``RequestClue``), e.g. an id read through a
    /// double; set by the runner after matching, from the failing call's requests.
    public var clue: String?

    public init(path: String, expected: String, actual: String, detail: String? = nil) {
        self.path = path
        self.expected = expected
        self.actual = actual
        self.detail = detail
    }

    /// Several indented lines: path, expected, actual, detail, clue.
    public var description: String {
        var lines = ["at \(path.isEmpty ? "the result" : path)", "  expected: \(expected)", "  actual:   \(actual)"]
        if let detail {
            lines += detail.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if let clue { lines.append("  " + clue) }
        return lines.joined(separator: "\n")
    }
}

/// What a call produced, for matching: a success's normalized value, or the concept error.
public enum ActualResult: Sendable, Hashable {
    case success(ScenarioValue)
    case failure(ConceptError)

    /// A one-line rendering (`{sourceAccount: "source-1"}`, `error DuplicateSourceError: …`).
    public var summary: String {
        switch self {
        case .success(let value): Self.truncated(value.description)
        case .failure(let error): "error \(error)"
        }
    }

    static func truncated(_ text: String, limit: Int = 400) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "… (\(text.count) characters)"
    }
}

/// The state of one match: bindings, built-ins, the policy, and notes on leniency used.
package struct MatchContext: Sendable {
    package var bindings: ScenarioBindings
    /// `canvas`, `other_origin`, `now`.
    package var builtins: ScenarioBindings
    package var policy: MatchPolicy
    /// Leniencies applied (shown in the trace).
    package var notes: [String] = []
    /// Bounds the work of set matching (backtracking).
    package var budget = 200_000

    /// Names bound before a real wait of a second or more on the implementation's own clock.
    package var ticked: Set<String> = []

    /// Binds `name` (made after any wait so far).
    package mutating func bind(_ name: String, _ value: ScenarioValue) {
        bindings.bind(name, value)
        ticked.remove(name)
    }

    /// The value of a built-in or bound name.
    package func lookup(_ name: String) -> ScenarioValue? {
        builtins[name] ?? bindings[name]
    }

    /// Interpolates `${name}` from built-ins and bindings.
    package func interpolate(_ text: String) -> String? {
        var merged = bindings
        for entry in builtins.entries { merged.bind(entry.key, entry.value) }
        return try? merged.interpolate(text).get()
    }
}

/// One checkable clause: a sentence of the spec (an action's requires or effects, an error
/// overload, a query, the principle) or one of the kit's interpretations (Scenarios/README.md).
///
/// Scenarios name the clauses they check in `spec:`; ``CoverageMatrix`` shows which scenarios pin
/// each clause.
public struct Clause: Sendable, Hashable, Identifiable {
    /// What part of the spec a clause is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case principle
        case requires
        case effects
        /// An action's error overload.
        case error
        /// A query's requires or effects.
        case query
        /// A query's error (an exact message).
        case queryError = "query-error"
        /// The kit's reading where the spec is silent.
        case interpretation
    }

    /// A stable id: `connectSource.requires.unique-name`, `interp.duplicate-before-credentials`.
    public var id: String
    public var kind: Kind
    /// How binding it is.
    public var level: ScenarioLevel
    /// The spec's words (quoted), or the interpretation in the kit's words.
    public var text: String
    /// Where it comes from: `spec: connectSource` or `interpretation 1 (Scenarios/README.md)`.
    public var source: String

    public init(_ id: String, _ kind: Kind, _ level: ScenarioLevel, _ text: String, source: String) {
        self.id = id
        self.kind = kind
        self.level = level
        self.text = text
        self.source = source
    }
}

/// Every clause the kit knows, in spec order, interpretations last.
public struct ClauseCatalogue: Sendable, Hashable {
    /// The clauses, in order.
    public let clauses: [Clause]

    public init(clauses: [Clause]) {
        self.clauses = clauses
    }

    /// The clause with `id`, if any.
    public func clause(_ id: String) -> Clause? {
        clauses.first { $0.id == id }
    }

    /// The known id closest to a misspelt one (same prefix, or a small edit distance), for errors.
    public func suggestion(for id: String) -> String? {
        let scored = clauses.map { ($0.id, Self.distance($0.id, id)) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let (best, distance) = scored, distance <= max(3, id.count / 4) else { return nil }
        return best
    }

    /// The catalogue of ExternalAssignmentSync: the spec's clauses and the kit's interpretations (Scenarios/README.md).
    public static let standard = ClauseCatalogue(clauses: specClauses + interpretationClauses)

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

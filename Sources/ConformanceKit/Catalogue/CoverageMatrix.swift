/// Which scenarios check which clauses (`conformance coverage`).
public struct CoverageMatrix: Sendable, Hashable {
    /// One clause and the scenarios that name it.
    public struct Row: Sendable, Hashable {
        public var clause: Clause
        /// Scenario ids, sorted.
        public var scenarios: [String]
    }

    /// A scenario's `spec` id that the catalogue does not have.
    public struct UnknownReference: Sendable, Hashable {
        public var scenario: String
        public var clause: String
    }

    /// Every clause in catalogue order.
    public let rows: [Row]
    /// References to clauses that do not exist (the loader rejects these; built scenarios may not).
    public let unknownReferences: [UnknownReference]
    /// How many scenarios were considered.
    public let scenarioCount: Int

    /// Builds the matrix of `catalogue` against `scenarios`.
    public init(catalogue: ClauseCatalogue = .standard, scenarios: [Scenario]) {
        var byClause: [String: [String]] = [:]
        var unknown: [UnknownReference] = []
        for scenario in scenarios {
            for id in scenario.spec {
                if catalogue.clause(id) == nil {
                    unknown.append(UnknownReference(scenario: scenario.id, clause: id))
                } else {
                    byClause[id, default: []].append(scenario.id)
                }
            }
        }
        rows = catalogue.clauses.map { Row(clause: $0, scenarios: (byClause[$0.id] ?? []).sorted()) }
        unknownReferences = unknown
        scenarioCount = scenarios.count
    }

    /// Clauses no scenario names.
    public var uncovered: [Clause] { rows.filter { $0.scenarios.isEmpty }.map(\.clause) }

    /// A plain-text table: one line per clause with its level, count and scenario ids, then a summary.
    public var text: String {
        let width = max(28, rows.map(\.clause.id.count).max() ?? 0)
        var lines = ["clause".padded(to: width) + "  level   n  scenarios"]
        for row in rows {
            let count = String(row.scenarios.count)
            lines.append(
                row.clause.id.padded(to: width) + "  " + row.clause.level.rawValue.padded(to: 6) + " "
                    + String(repeating: " ", count: max(0, 2 - count.count)) + count + "  " + row.scenarios.joined(separator: ", "))
        }
        let covered = rows.count - uncovered.count
        lines.append("")
        lines.append("\(covered) of \(rows.count) clauses covered by \(scenarioCount) scenarios")
        if !uncovered.isEmpty { lines.append("uncovered: " + uncovered.map(\.id).joined(separator: ", ")) }
        for reference in unknownReferences {
            lines.append("unknown clause '\(reference.clause)' in scenario \(reference.scenario)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The clause x scenario grid as CSV (`clause,level,<scenario ids...>` with `x` marks).
    public func csv(scenarioIDs: [String]) -> String {
        var lines = ["clause,level," + scenarioIDs.joined(separator: ",")]
        for row in rows {
            let marks = scenarioIDs.map { row.scenarios.contains($0) ? "x" : "" }
            lines.append("\(row.clause.id),\(row.clause.level.rawValue)," + marks.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    package func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

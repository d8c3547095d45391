import ConformanceKit
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Every clause of the spec and every interpretation is pinned by at least one scenario.
@Suite("Clause catalogue")
struct CatalogueCoverageTests {
    static let loaded = ScenarioTestSupport.loader.loadDirectory(ScenarioTestSupport.scenariosRoot)

    @Test("The corpus loads without errors and has at least 60 scenarios")
    func corpusLoads() {
        #expect(Self.loaded.errors.isEmpty, "\(Self.loaded.errors.map(String.init(describing:)).joined(separator: "\n"))")
        #expect(Self.loaded.scenarios.count >= 60)
        #expect(Set(Self.loaded.scenarios.map(\.id)).count == Self.loaded.scenarios.count)
    }

    @Test("Every clause has at least one scenario, and every scenario names only known clauses")
    func everyClauseCovered() {
        let matrix = CoverageMatrix(scenarios: Self.loaded.scenarios)
        #expect(matrix.uncovered.map(\.id) == [])
        #expect(matrix.unknownReferences.isEmpty)
        #expect(matrix.text.contains("\(matrix.rows.count) of \(matrix.rows.count) clauses covered"))
    }

    @Test("Clause ids are unique and every kind of clause is present")
    func catalogueShape() {
        let clauses = ClauseCatalogue.standard.clauses
        #expect(Set(clauses.map(\.id)).count == clauses.count)
        #expect(Set(clauses.map(\.kind)) == Set(Clause.Kind.allCases))
        for name in ["connectSource", "disconnectSource", "pollExternalSource", "identifyChanges", "recordInternalSync", "_getSourcesForUser", "_getMappedInternalId", "_getAssignmentsForSource"] {
            #expect(clauses.contains { $0.id.hasPrefix(name + ".") }, "no clause for \(name)")
        }
        for error in ["InvalidCredentialsError", "NetworkError", "DuplicateSourceError"] {
            #expect(ClauseCatalogue.standard.clause("connectSource.error.\(error)") != nil)
        }
        for error in ["NetworkError", "ApiRateLimitError", "SourceConnectionError"] {
            #expect(ClauseCatalogue.standard.clause("pollExternalSource.error.\(error)") != nil)
        }
        // Scenarios/README.md lists the interpretations (the first fifteen are the original design's); each has at least one interpretation clause.
        #expect(clauses.filter { $0.kind == .interpretation }.count >= 15)
    }

    @Test("Each interpretation has a scenario at its own level; MUST scenarios cite only MUST clauses")
    func levels() {
        for clause in ClauseCatalogue.standard.clauses where clause.kind == .interpretation {
            let levels = Set(Self.loaded.scenarios.filter { $0.spec.contains(clause.id) }.map(\.level))
            #expect(levels.contains(clause.level), "\(clause.id) (\(clause.level)) has scenarios only at \(levels)")
        }
        for scenario in Self.loaded.scenarios where scenario.level == .must {
            let weaker = scenario.spec.filter { ClauseCatalogue.standard.clause($0)?.level != .must }
            #expect(weaker.isEmpty, "\(scenario.id) is MUST but cites \(weaker)")
        }
    }

    @Test("A misspelt clause id gets a suggestion")
    func suggestion() {
        #expect(ClauseCatalogue.standard.suggestion(for: "connectSource.efects.stored") == "connectSource.effects.stored")
    }

    @Test("The matrix renders as text and CSV")
    func rendering() {
        let scenarios = Array(Self.loaded.scenarios.prefix(3))
        let matrix = CoverageMatrix(scenarios: scenarios)
        #expect(matrix.text.hasPrefix("clause"))
        let csv = matrix.csv(scenarioIDs: scenarios.map(\.id))
        #expect(csv.split(separator: "\n").count == matrix.rows.count + 1)
        #expect(csv.contains("principle,MUST,x"))
    }
}

@testable import ConformanceKit
import KitPrimitives
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Matchers and bindings: exact values, instants, sets and lists, errors, policies, diffs.
@Suite("Scenario matchers")
struct ScenarioMatcherTests {
    static let noon = Timestamp.parse("2025-09-01T12:00:00Z")!

    func context(_ policy: MatchPolicy = .inProcess) -> MatchContext {
        var builtins = ScenarioBindings()
        builtins.bind("canvas", .string("http://127.0.0.1:4000"))
        builtins.bind("now", .timestamp(Self.noon))
        return MatchContext(bindings: ScenarioBindings(), builtins: builtins, policy: policy)
    }

    func raw(_ id: String, _ stamp: String = "2025-09-01T12:00:00Z") -> ScenarioValue {
        // A typo in a stamp gives a string that no timestamp matches (a failure, not a crash).
        let stamped: ScenarioValue = Timestamp.parse(stamp).map(ScenarioValue.timestamp) ?? .string("bad test timestamp \(stamp)")
        return .object([
            "externalId": .string(id),
            "details": .object(["name": .string("A \(id)"), "description": .null, "dueDate": .null]),
            "externalModificationTimestamp": stamped,
        ])
    }

    @Test("The first occurrence of a binding binds; later ones must be equal")
    func bindings() {
        var ctx = context()
        #expect(Matcher.binding("s1").match(.string("source-1"), at: "", context: &ctx) == nil)
        #expect(ctx.bindings["s1"] == .string("source-1"))
        #expect(Matcher.binding("s1").match(.string("source-1"), at: "", context: &ctx) == nil)
        let mismatch = Matcher.binding("s1").match(.string("source-2"), at: "sourceAccount", context: &ctx)
        #expect(mismatch?.path == "sourceAccount")
        #expect(mismatch?.expected == "$s1 = \"source-1\"")
    }

    @Test("Timestamps compare as instants, whatever the offset or fraction")
    func instants() {
        var ctx = context()
        #expect(Matcher.value(.string("2025-09-01T06:00:00-06:00")).match(.timestamp(Self.noon), at: "", context: &ctx) == nil)
        #expect(Matcher.value(.string("2025-09-01T12:00:00.000Z")).match(.timestamp(Self.noon), at: "", context: &ctx) == nil)
        #expect(Matcher.value(.string("2025-09-01T12:00:01Z")).match(.timestamp(Self.noon), at: "", context: &ctx) != nil)
        #expect(Matcher.binding("now").match(.timestamp(Self.noon), at: "", context: &ctx) == nil)
        #expect(Matcher.value(.null).match(.timestamp(Self.noon), at: "", context: &ctx) != nil)
    }

    @Test("A set ignores order; a list does not; both need the same size")
    func setsAndLists() {
        var ctx = context()
        let actual = ScenarioValue.list([.string("a"), .string("b")])
        #expect(Matcher.set([.value(.string("b")), .value(.string("a"))]).match(actual, at: "", context: &ctx) == nil)
        #expect(Matcher.list([.value(.string("b")), .value(.string("a"))]).match(actual, at: "", context: &ctx) != nil)
        #expect(Matcher.list([.value(.string("a")), .value(.string("b"))]).match(actual, at: "", context: &ctx) == nil)
        #expect(Matcher.set([.value(.string("a"))]).match(actual, at: "", context: &ctx) != nil)
        #expect(Matcher.contains([.value(.string("b"))]).match(actual, at: "", context: &ctx) == nil)
        #expect(Matcher.contains([.value(.string("c"))]).match(actual, at: "", context: &ctx)?.expected == "a list containing these 1 element")
        #expect(Matcher.set([.value(.string("a"))]).match(actual, at: "", context: &ctx)?.expected == "a set of 1 element")
        #expect(Matcher.count(2).match(actual, at: "", context: &ctx) == nil)
        #expect(Matcher.count(3).match(actual, at: "", context: &ctx) != nil)
    }

    @Test("Set matching backtracks through bindings")
    func setBacktracking() {
        var ctx = context()
        ctx.bindings.bind("b", .string("x"))
        // The first expected element could take either item; only one assignment works.
        let matcher = Matcher.set([.object([.init("k", .binding("a"))]), .object([.init("k", .binding("b"))])])
        let actual = ScenarioValue.list([.object(["k": .string("x")]), .object(["k": .string("y")])])
        #expect(matcher.match(actual, at: "", context: &ctx) == nil)
        #expect(ctx.bindings["a"] == .string("y"))
    }

    @Test("A set mismatch points at the differing field of the element with the same externalId")
    func setDiff() {
        var ctx = context()
        let expected = Matcher.set([
            .object([.init("externalId", .value(.string("1")))]),
            .object([.init("externalId", .value(.string("2"))), .init("details", .object([.init("name", .value(.string("Renamed")))]))]),
        ])
        let mismatch = expected.match(.list([raw("1"), raw("2")]), at: "rawExternalAssignments", context: &ctx)
        #expect(mismatch?.path == "rawExternalAssignments[externalId=2].details.name")
        #expect(mismatch?.expected == "\"Renamed\"")
        #expect(mismatch?.actual == "\"A 2\"")
        let missing = Matcher.set([.object([.init("externalId", .value(.string("3")))])]).match(.list([raw("1")]), at: "r", context: &ctx)
        #expect(missing?.detail?.contains("missing (1):") == true)
        #expect(missing?.detail?.contains("unexpected (1):\n  - externalId=1") == true, "\(missing?.detail ?? "")")
    }

    @Test("An object checks only the fields given, and names a missing one")
    func objects() {
        var ctx = context()
        #expect(Matcher.object([.init("externalId", .value(.string("1")))]).match(raw("1"), at: "", context: &ctx) == nil)
        let mismatch = Matcher.object([.init("existingInternalId", .value(.null))]).match(raw("1"), at: "x", context: &ctx)
        #expect(mismatch?.path == "x.existingInternalId")
        #expect(mismatch?.actual == "(absent)")
    }

    @Test("distinct, not, after, one_of and any")
    func combinators() {
        var ctx = context()
        #expect(Matcher.distinct("externalId").match(.list([raw("1"), raw("2")]), at: "", context: &ctx) == nil)
        #expect(Matcher.distinct("externalId").match(.list([raw("1"), raw("1")]), at: "", context: &ctx)?.path == "[1]")
        ctx.bindings.bind("s1", .string("a"))
        #expect(Matcher.not(.binding("s1")).match(.string("b"), at: "", context: &ctx) == nil)
        #expect(Matcher.not(.binding("s1")).match(.string("a"), at: "", context: &ctx) != nil)
        ctx.bindings.bind("p1", .timestamp(Self.noon))
        #expect(Matcher.after(.binding("p1")).match(.string("2025-09-01T12:00:01Z"), at: "", context: &ctx) == nil)
        #expect(Matcher.after(.binding("p1")).match(.timestamp(Self.noon), at: "", context: &ctx) != nil)
        #expect(Matcher.notBefore(.binding("p1")).match(.timestamp(Self.noon), at: "", context: &ctx) == nil)
        #expect(Matcher.oneOf([.value(.int(1)), .value(.string("a"))]).match(.string("a"), at: "", context: &ctx) == nil)
        #expect(Matcher.any(.id).match(.string(""), at: "", context: &ctx) != nil)
        #expect(Matcher.any(.timestamp).match(.string("2025-09-01T12:00:00+02:00"), at: "", context: &ctx) == nil)
        #expect(Matcher.value(.string("${canvas}/x")).match(.string("http://127.0.0.1:4000/x"), at: "", context: &ctx) == nil)
    }

    @Test("Errors: by spec name for actions, by exact message for queries")
    func errors() {
        var ctx = context()
        let duplicate = ActualResult.failure(ConceptError(kind: .action, name: "DuplicateSourceError", message: "taken"))
        #expect(Matcher.matchResult(.error(.named("DuplicateSourceError")), duplicate, isQuery: false, context: &ctx) == nil)
        #expect(Matcher.matchResult(.error(.named("NetworkError")), duplicate, isQuery: false, context: &ctx)?.expected == "NetworkError")
        #expect(Matcher.matchResult(.error(.any), duplicate, isQuery: false, context: &ctx) == nil)
        #expect(Matcher.matchResult(nil, duplicate, isQuery: false, context: &ctx) != nil)
        #expect(Matcher.matchResult(.object([]), duplicate, isQuery: false, context: &ctx) != nil)
        #expect(Matcher.matchResult(.error(.any), .success(.map([])), isQuery: false, context: &ctx) != nil)
        ctx.bindings.bind("s1", .string("source-1"))
        let query = ActualResult.failure(ConceptError(kind: .query, name: nil, message: "External assignment with ID '9' not found for source 'source-1'"))
        #expect(Matcher.matchResult(.error(.named("External assignment with ID '9' not found for source '${s1}'")), query, isQuery: true, context: &ctx) == nil)
        #expect(Matcher.matchResult(.error(.named("Source account not found")), query, isQuery: true, context: &ctx) != nil)
    }

    @Test("Policies: compat accepts unnamed errors and an absent lastSuccessfulPoll; an own clock matches $now loosely")
    func policies() {
        let unnamed = ActualResult.failure(ConceptError(kind: .action, name: nil, message: "Error: duplicate"))
        var strict = context(.strictHTTP)
        #expect(Matcher.matchResult(.error(.named("DuplicateSourceError")), unnamed, isQuery: false, context: &strict) != nil)
        var compat = context(.compat6104)
        #expect(Matcher.matchResult(.error(.named("DuplicateSourceError")), unnamed, isQuery: false, context: &compat) == nil)
        #expect(compat.notes.count == 1)

        let idOnly = ScenarioValue.object(["id": .string("source-1")])
        let expected = Matcher.object([.init("id", .value(.string("source-1"))), .init("sourceName", .value(.string("A"))), .init("lastSuccessfulPoll", .value(.null))])
        #expect(expected.match(idOnly, at: "", context: &strict)?.path == "lastSuccessfulPoll")
        #expect(expected.match(idOnly, at: "", context: &compat) == nil)

        var own = context(.strictHTTP)
        #expect(Matcher.binding("now").match(.string("2031-01-01T00:00:00Z"), at: "", context: &own) == nil)
        var virtual = context()
        #expect(Matcher.binding("now").match(.string("2031-01-01T00:00:00Z"), at: "", context: &virtual) != nil)
    }
}

import ConformanceKit
import ConceptValues
import KitPrimitives
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The linearizability search on hand-written concurrent histories: which answers some order
/// explains, which no order does, real time respected, several final states kept, the bound honest.
@Suite struct LinearizabilityTests {
    typealias F = CheckerFixtures

    /// A call by `client` spanning ticks `invoked...completed`.
    func call(_ client: Int, _ call: ConceptCall, _ result: ConceptResult, _ invoked: Int, _ completed: Int, position: Int = 0) -> ConcurrentCall {
        ConcurrentCall(client: client, position: position, call: call, outcome: .answered(result), invoked: invoked, completed: completed)
    }

    func search(_ calls: [ConcurrentCall]) -> Linearizability {
        Linearizability(calls: calls) { _, _ in F.platform([]) }
    }

    func verdict(_ calls: [ConcurrentCall], from model: SyncModel = SyncModel()) -> Linearizability.Verdict {
        search(calls).check(Array(calls.indices), from: model)
    }

    func view(_ id: String) -> SourceView {
        SourceView(id: id, owner: "ada", sourceType: "Canvas", sourceName: "Canvas", baseUrl: F.details.baseUrl, lastSuccessfulPoll: .never)
    }

    static let duplicate = ConceptResult.error(ConceptError(kind: .action, name: "DuplicateSourceError", message: "taken"))

    @Test func twoConnectsWithOneNameThatBothSucceedFitNoOrder() throws {
        let calls = [call(0, F.connect(), .sourceAccount("s-1"), 1, 3), call(1, F.connect(), .sourceAccount("s-2"), 2, 4)]
        guard case .violated(let prefix, let refused) = verdict(calls) else {
            Issue.record("two sources under one name were explained")
            return
        }
        #expect(prefix.count == 1, "one connect is explained first, either one")
        let refusal = try #require(refused.first)
        #expect(refusal.mismatch.expected.contains("DuplicateSourceError"), "\(refusal.mismatch)")
    }

    @Test func oneSuccessAndOneDuplicateFitEitherWayTheyOverlap() throws {
        for (first, second) in [(Self.duplicate, ConceptResult.sourceAccount("s-1")), (.sourceAccount("s-1"), Self.duplicate)] {
            guard case .linearizable(let orders) = verdict([call(0, F.connect(), first, 1, 3), call(1, F.connect(), second, 2, 4)]) else {
                Issue.record("a correct race was refused")
                continue
            }
            #expect(orders.count == 1)
            #expect(try #require(orders.first).model.sources.map(\.id) == ["s-1"])
        }
    }

    @Test func realTimeOrderIsRespected() {
        let sources = ConceptCall.getSourcesForUser(user: "ada")
        // The query ended before the connect began, yet it shows the connect's source: no order explains it.
        let before = [call(0, sources, .sources([view("s-1")]), 1, 2), call(1, F.connect(), .sourceAccount("s-1"), 3, 4)]
        guard case .violated = verdict(before) else {
            Issue.record("an answer from the future was explained")
            return
        }
        // Overlapping, the query may take effect after the connect.
        let overlapping = [call(0, sources, .sources([view("s-1")]), 1, 4), call(1, F.connect(), .sourceAccount("s-1"), 2, 3)]
        guard case .linearizable = verdict(overlapping) else {
            Issue.record("an overlapping query was refused the connect's effect")
            return
        }
    }

    @Test func twoRecordsOfOneAssignmentKeepBothFinalStates() {
        let model = F.model([(F.connect(), .sourceAccount("s-1"))])
        let stamp = F.now
        let calls = ["app-1", "app-2"].enumerated().map { client, internalId in
            call(client, .recordInternalSync(sourceAccount: "s-1", externalId: "50001", internalId: internalId, externalModificationTimestamp: stamp), .empty, 1 + client, 3 + client)
        }
        guard case .linearizable(let orders) = verdict(calls, from: model) else {
            Issue.record("two records were refused")
            return
        }
        let finals = Set(orders.compactMap { $0.model.source("s-1")?.mappings["50001"]?.internalId })
        #expect(finals == ["app-1", "app-2"], "the answers ({} twice) do not pin which record came last")
    }

    @Test func callsAboutDifferentOwnersArePartitioned() {
        let calls = [call(0, F.connect("ada"), .sourceAccount("s-1"), 1, 3), call(1, F.connect("bo"), .sourceAccount("s-2"), 2, 4)]
        let partitions = search(calls).partitions(from: SyncModel())
        #expect(partitions.map(\.owner) == ["ada", "bo"])
        #expect(partitions.map(\.calls) == [[0], [1]])
    }

    @Test func aSearchPastItsBoundIsUnknownNotAVerdict() {
        let calls = (0..<4).map { client in call(client, .getSourcesForUser(user: "ada"), .sources([]), 1 + client, 10 + client) }
        var bounded = search(calls)
        bounded.bound = 1
        guard case .unknown(let explored) = bounded.check(Array(calls.indices), from: SyncModel()) else {
            Issue.record("a search cut short gave a verdict")
            return
        }
        #expect(explored == 2)
    }
}

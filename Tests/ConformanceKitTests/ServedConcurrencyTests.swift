import ConformanceKit
import ReferenceHarness
import ConceptValues
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import MockCanvas
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The served reference under concurrent clients, with both stores: the duplicates real servers
/// make come from two requests at once (a double click, two tabs, a retry racing the original),
/// so many at once over HTTP must still give one source per name and one mapping per assignment.
@Suite struct ServedConcurrencyTests {
    enum Store: String, CaseIterable, Sendable {
        case memory, sqlite
    }

    /// How many requests race.
    static let clients = 16

    /// A mock Canvas, the reference served over HTTP in front of it with `store`, and a strict adapter.
    func withServed(_ store: Store, _ body: (HTTPImplementation, String) async throws -> Void) async throws {
        let directory = CheckerFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await MockCanvas.withRunning(world: try HTTPFixtures.basicWorld(), seed: 5) { canvas, canvasAddress in
            var options = HTTPFixtures.referenceOptions(clock: canvas)
            if store == .sqlite { options.store = try SQLiteSyncStore(path: directory + "/state.sqlite") }
            try await withReferenceServer(options: options, logger: HTTPFixtures.quietLogger) { served in
                try await HTTPImplementation.withImplementation(HTTPFixtures.configuration(served.baseURL)) { sut in
                    try await body(sut, canvasAddress.origin)
                }
            }
        }
    }

    /// Every call of `calls` at once; the answers in the order of `calls`.
    static func atOnce(_ sut: HTTPImplementation, _ calls: [ConceptCall]) async -> [Result<ConceptResult, HarnessError>] {
        await withTaskGroup(of: (Int, Result<ConceptResult, HarnessError>).self) { group in
            for (index, call) in calls.enumerated() { group.addTask { (index, await sut.perform(call)) } }
            var answers = [Result<ConceptResult, HarnessError>?](repeating: nil, count: calls.count)
            for await (index, answer) in group { answers[index] = answer }
            return answers.compactMap { $0 }
        }
    }

    @Test(arguments: Store.allCases)
    func concurrentConnectsOfOneNameGiveExactlyOneSource(store: Store) async throws {
        try await withServed(store) { sut, canvas in
            let connect = ConceptCall.connectSource(
                owner: "race-alice", sourceType: "Canvas", sourceName: "Same name", details: ConnectionDetails(apiToken: "tok-alice", baseUrl: canvas))
            let answers = await Self.atOnce(sut, Array(repeating: connect, count: Self.clients))
            let results = try answers.map { try $0.get() }
            #expect(results.count { if case .sourceAccount = $0 { true } else { false } } == 1, "\(results)")
            #expect(results.compactMap(\.error).allSatisfy { $0.name == "DuplicateSourceError" }, "\(results)")
            guard case .sources(let sources) = try await sut.perform(.getSourcesForUser(user: "race-alice")).get() else {
                Issue.record("no source list")
                return
            }
            #expect(sources.count == 1, "\(sources)")
        }
    }

    @Test(arguments: Store.allCases)
    func concurrentRecordsOfOneAssignmentLeaveOneMapping(store: Store) async throws {
        try await withServed(store) { sut, canvas in
            let connected = try await sut.perform(.connectSource(
                owner: "race-bob", sourceType: "Canvas", sourceName: "Records", details: ConnectionDetails(apiToken: "tok-alice", baseUrl: canvas))).get()
            guard case .sourceAccount(let source) = connected else {
                Issue.record("connect failed: \(connected)")
                return
            }
            let stamp = Timestamp(seconds: 1_756_548_000)
            let records = (0..<Self.clients).map { index in
                ConceptCall.recordInternalSync(sourceAccount: source, externalId: "50001", internalId: "task-\(index)", externalModificationTimestamp: stamp)
            }
            let answers = try await Self.atOnce(sut, records).map { try $0.get() }
            #expect(answers.allSatisfy { $0 == .empty }, "\(answers)")
            guard case .assignments(let mappings) = try await sut.perform(.getAssignmentsForSource(sourceAccount: source)).get() else {
                Issue.record("no mapping list")
                return
            }
            #expect(mappings.count == 1, "one mapping per (source, externalId): \(mappings)")
            #expect(mappings.first.map { $0.internalAssignment.hasPrefix("task-") } == true)
        }
    }
}

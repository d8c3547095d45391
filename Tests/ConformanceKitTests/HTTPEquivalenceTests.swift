import ConformanceKit
import ReferenceHarness
import ConceptValues
import KitPrimitives
import MockCanvas
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The same calls give equal results in-process and through the strict HTTP adapter against the
/// served reference (both with sequential ids and the mock's clock, against one mock Canvas).
@Suite struct HTTPEquivalenceTests {
    /// A step: a call, or a change to the mock between calls (applied the same way in both runs).
    enum Step: Sendable {
        case call(ConceptCall)
        case faults([FaultRule<CanvasWorldChange>])
    }

    static func raw(_ id: String, _ modified: String, due: String? = nil, description: String? = nil) -> RawExternalAssignment {
        RawExternalAssignment(
            externalId: id, details: ExternalAssignmentDetails(name: "Assignment \(id)", description: description, dueDate: due.map(HTTPFixtures.timestamp)),
            externalModificationTimestamp: HTTPFixtures.timestamp(modified))
    }

    static func script(origin: String) -> [Step] {
        let alice = "user:alice", bob = "user:bob"
        let details = HTTPFixtures.details("tok-alice", origin)
        let batch = [
            raw("50001", "2025-08-30T10:00:00Z", due: "2025-09-10T03:59:59Z", description: "<p>Read & \"quote\"</p>"),
            raw("50002", "2025-08-30T10:00:00.123Z"),
            raw("50003", "2025-08-30T06:00:00-04:00", due: "2025-09-17T03:59:59.5Z"),
            raw("50003", "2025-08-31T09:00:00Z"),
            raw("ünïcødé/id", "2025-08-30T10:00:00.000000001Z"),
        ]
        let t1 = HTTPFixtures.timestamp("2025-08-30T10:00:00Z")
        return [
            .call(.getSourcesForUser(user: alice)),
            .call(.connectSource(owner: alice, sourceType: "Canvas", sourceName: "6.104", details: details)),
            .call(.connectSource(owner: alice, sourceType: "Canvas", sourceName: "6.104", details: details)),
            .call(.connectSource(owner: alice, sourceType: "Canvas", sourceName: "old", details: HTTPFixtures.details("tok-old", origin))),
            .call(.connectSource(owner: alice, sourceType: "GitHub Classroom", sourceName: "gh", details: details)),
            .call(.connectSource(owner: bob, sourceType: "Canvas", sourceName: "6.104", details: HTTPFixtures.details("tok-bob", origin))),
            .call(.getSourcesForUser(user: alice)),
            .call(.pollExternalSource(sourceAccount: "source-1")),
            .call(.pollExternalSource(sourceAccount: "nope")),
            .call(.getSourcesForUser(user: alice)),
            .call(.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: batch)),
            .call(.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: [])),
            .call(.recordInternalSync(sourceAccount: "source-1", externalId: "50001", internalId: "a1", externalModificationTimestamp: t1)),
            .call(.recordInternalSync(sourceAccount: "source-1", externalId: "50003", internalId: "a3", externalModificationTimestamp: t1)),
            .call(.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: batch)),
            .call(.recordInternalSync(sourceAccount: "source-1", externalId: "50001", internalId: "a1b", externalModificationTimestamp: t1.advanced(bySeconds: -60))),
            .call(.getMappedInternalId(externalId: "50001", sourceAccount: "source-1")),
            .call(.getMappedInternalId(externalId: "50002", sourceAccount: "source-1")),
            .call(.getMappedInternalId(externalId: "50001", sourceAccount: "nope")),
            .call(.getAssignmentsForSource(sourceAccount: "source-1")),
            .call(.getAssignmentsForSource(sourceAccount: "source-2")),
            .call(.getAssignmentsForSource(sourceAccount: "nope")),
            .faults([FaultRule(match: FaultMatch(path: "/api/v1/courses/*/assignments", nth: 1), fault: .throttle(status: 403, retryAfter: nil))]),
            .call(.pollExternalSource(sourceAccount: "source-1")),
            .faults([FaultRule(match: FaultMatch(path: "/api/v1/users/self", nth: 1), fault: .html(status: 200))]),
            .call(.connectSource(owner: alice, sourceType: "Canvas", sourceName: "html", details: details)),
            .call(.identifyChanges(sourceAccount: "nope", rawExternalAssignments: batch)),
            .call(.recordInternalSync(sourceAccount: "nope", externalId: "x", internalId: "y", externalModificationTimestamp: t1)),
            .call(.disconnectSource(sourceAccount: "source-1")),
            .call(.disconnectSource(sourceAccount: "source-1")),
            .call(.getMappedInternalId(externalId: "50001", sourceAccount: "source-1")),
            .call(.connectSource(owner: alice, sourceType: "Canvas", sourceName: "6.104", details: details)),
            .call(.getAssignmentsForSource(sourceAccount: "source-3")),
            .call(.getSourcesForUser(user: alice)),
            .call(.getSourcesForUser(user: bob)),
        ]
    }

    /// Runs the script against `sut`, applying fault steps to `canvas`.
    static func run(_ script: [Step], on sut: some ImplementationUnderTest, canvas: MockCanvas) async throws -> [Result<ConceptResult, HarnessError>] {
        var results: [Result<ConceptResult, HarnessError>] = []
        for step in script {
            switch step {
            case .call(let call): results.append(await sut.perform(call))
            case .faults(let rules): try canvas.installFaults(rules)
            }
        }
        return results
    }

    @Test func inProcessAndServedReferenceGiveEqualResults() async throws {
        try await MockCanvas.withRunning(world: try HTTPFixtures.basicWorld(), seed: 5) { canvas, address in
            let script = Self.script(origin: address.origin)
            let direct = try await ReferenceImplementation.withService(HTTPFixtures.referenceOptions(clock: canvas)) { service in
                try await Self.run(script, on: InProcessImplementation(service: service), canvas: canvas)
            }
            let overHTTP = try await withReferenceServer(options: HTTPFixtures.referenceOptions(clock: canvas), logger: HTTPFixtures.quietLogger) { served in
                try await HTTPImplementation.withImplementation(HTTPFixtures.configuration(served.baseURL)) { sut in
                    try await Self.run(script, on: sut, canvas: canvas)
                }
            }
            let calls = script.compactMap { step -> ConceptCall? in
                if case .call(let call) = step { return call }
                return nil
            }
            #expect(direct.count == overHTTP.count)
            try #require(direct.count == calls.count, "one result per call of the script")
            for (index, (left, right)) in zip(direct, overHTTP).enumerated() {
                #expect(left == right, "step \(index) \(calls[index]): in-process \(left), over HTTP \(right)")
            }
            // The script exercises every kind of result.
            let kinds = Set(direct.compactMap { try? $0.get() }.map(Self.kind))
            #expect(kinds == ["sourceAccount", "empty", "rawExternalAssignments", "assignmentsToProcess", "sources", "internalId", "assignments", "actionError", "queryError"])
        }
    }

    static func kind(_ result: ConceptResult) -> String {
        switch result {
        case .sourceAccount: "sourceAccount"
        case .empty: "empty"
        case .rawExternalAssignments: "rawExternalAssignments"
        case .assignmentsToProcess: "assignmentsToProcess"
        case .sources: "sources"
        case .internalId: "internalId"
        case .assignments: "assignments"
        case .error(let e): e.kind == .action ? "actionError" : "queryError"
        }
    }
}

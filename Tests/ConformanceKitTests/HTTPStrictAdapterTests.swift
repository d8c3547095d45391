import ConformanceKit
import ConceptValues
import KitPrimitives
import MockCanvas
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The strict adapter against `serve`'s responder (the reference over HTTP) with a mock Canvas behind
/// it: every call, every concept error kind.
@Suite struct HTTPStrictAdapterTests {
    static let alice = "user:alice"

    @Test func principleStoryThroughEveryActionAndQuery() async throws {
        try await withServedReference { sut, canvas, origin in
            let connected = await sut.perform(.connectSource(
                owner: Self.alice, sourceType: "Canvas", sourceName: "6.104", details: HTTPFixtures.details("tok-alice", origin)))
            #expect(connected.value == .sourceAccount("source-1"))
            let fresh = SourceView(id: "source-1", owner: Self.alice, sourceType: "Canvas", sourceName: "6.104", baseUrl: origin, lastSuccessfulPoll: .never)
            #expect(await sut.perform(.getSourcesForUser(user: Self.alice)).value == .sources([fresh]))

            let polled = await sut.perform(.pollExternalSource(sourceAccount: "source-1"))
            guard case .rawExternalAssignments(let raw)? = polled.value else {
                Issue.record("poll gave \(polled)")
                return
            }
            #expect(raw.map(\.externalId).sorted() == ["50001", "50002", "50003", "60001", "60002"])
            #expect(raw.first { $0.externalId == "50001" }?.details == ExternalAssignmentDetails(
                name: "Problem Set 1", description: "<p>Read the spec.</p>", dueDate: HTTPFixtures.timestamp("2025-09-10T03:59:59Z")))
            #expect(raw.first { $0.externalId == "50003" }?.details.dueDate == nil)
            #expect(raw.first { $0.externalId == "50002" }?.details.description == nil)
            var polledOnce = fresh
            polledOnce.lastSuccessfulPoll = .at(canvas.now)
            #expect(await sut.perform(.getSourcesForUser(user: Self.alice)).value == .sources([polledOnce]))

            let changes = await sut.perform(.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: raw))
            #expect(changes.value == .assignmentsToProcess(raw.map { AssignmentToProcess($0, existingInternalId: nil) }))
            for item in raw {
                let recorded = await sut.perform(.recordInternalSync(
                    sourceAccount: "source-1", externalId: item.externalId, internalId: "a-\(item.externalId)",
                    externalModificationTimestamp: item.externalModificationTimestamp))
                #expect(recorded.value == .empty)
            }
            #expect(await sut.perform(.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: raw)).value == .assignmentsToProcess([]))

            let firstRaw = try #require(raw.first)
            var edited = firstRaw
            edited.externalModificationTimestamp = edited.externalModificationTimestamp.advanced(bySeconds: 3600)
            #expect(await sut.perform(.identifyChanges(sourceAccount: "source-1", rawExternalAssignments: [edited])).value
                == .assignmentsToProcess([AssignmentToProcess(edited, existingInternalId: AssignmentID("a-\(edited.externalId)"))]))

            #expect(await sut.perform(.getMappedInternalId(externalId: firstRaw.externalId, sourceAccount: "source-1")).value
                == .internalId("a-\(firstRaw.externalId)"))
            #expect(await sut.perform(.getMappedInternalId(externalId: "nope", sourceAccount: "source-1")).value
                == .error(ConceptError(kind: .query, name: nil, message: "External assignment with ID 'nope' not found for source 'source-1'")))
            let mappings = await sut.perform(.getAssignmentsForSource(sourceAccount: "source-1"))
            guard case .assignments(let views)? = mappings.value else {
                Issue.record("assignments gave \(mappings)")
                return
            }
            #expect(Set(views) == Set(raw.map {
                MappingView(externalId: $0.externalId, internalAssignment: "a-\($0.externalId)",
                            lastExternalModificationTimestamp: $0.externalModificationTimestamp, source: "source-1")
            }))

            #expect(await sut.perform(.disconnectSource(sourceAccount: "source-1")).value == .empty)
            #expect(await sut.perform(.getSourcesForUser(user: Self.alice)).value == .sources([]))
            #expect(await sut.perform(.getAssignmentsForSource(sourceAccount: "source-1")).value
                == .error(ConceptError(kind: .query, name: nil, message: "Source account not found")))
            for call in [ConceptCall.disconnectSource(sourceAccount: "source-1"), .pollExternalSource(sourceAccount: "source-1")] {
                #expect(await sut.perform(call).value?.error?.name == "SourceNotFound", "\(call)")
            }
        }
    }

    @Test func connectErrorsCarryTheSpecNames() async throws {
        try await withServedReference { sut, canvas, origin in
            func connect(_ name: String, _ token: String, type: String = "Canvas", baseUrl: String? = nil) async -> ConceptResult? {
                await sut.perform(.connectSource(
                    owner: Self.alice, sourceType: type, sourceName: name, details: HTTPFixtures.details(token, baseUrl ?? origin))).value
            }
            #expect(await connect("6.104", "tok-alice") == .sourceAccount("source-1"))
            #expect(await connect("6.104", "tok-alice")?.error?.name == "DuplicateSourceError")
            #expect(await connect("expired", "tok-old")?.error?.name == "InvalidCredentialsError")
            #expect(await connect("revoked", "tok-gone")?.error?.name == "InvalidCredentialsError")
            #expect(await connect("github", "tok-alice", type: "Moodle")?.error?.name == "UnsupportedSourceType")
            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/users/self", nth: 1), fault: .status(503, retryAfter: nil))])
            let network = await connect("flaky", "tok-alice")
            #expect(network?.error?.name == "NetworkError")
            #expect(network?.error?.kind == .action)
            #expect(network?.error?.message.isEmpty == false)
            for token in ["tok-alice", "tok-old", "tok-gone"] {
                #expect(network?.error?.message.contains(token) == false)
            }
        }
    }

    @Test func pollErrorsCarryTheSpecNames() async throws {
        try await withServedReference { sut, canvas, origin in
            #expect(await sut.perform(.connectSource(
                owner: Self.alice, sourceType: "Canvas", sourceName: "6.104", details: HTTPFixtures.details("tok-alice", origin))).value
                == .sourceAccount("source-1"))
            let poll = ConceptCall.pollExternalSource(sourceAccount: "source-1")

            try canvas.installFaults([FaultRule(
                match: FaultMatch(path: "/api/v1/courses/*/assignments", nth: 1), fault: .throttle(status: 403, retryAfter: nil))])
            #expect(await sut.perform(poll).value?.error?.name == "ApiRateLimitError")

            try canvas.installFaults([FaultRule(match: FaultMatch(path: "/api/v1/courses", nth: 1), fault: .status(502, retryAfter: nil))])
            #expect(await sut.perform(poll).value?.error?.name == "NetworkError")

            try canvas.apply(.revokeToken("tok-alice"))
            #expect(await sut.perform(poll).value?.error?.name == "SourceConnectionError")
            let sources = await sut.perform(.getSourcesForUser(user: Self.alice)).value
            #expect(sources == .sources([SourceView(
                id: "source-1", owner: Self.alice, sourceType: "Canvas", sourceName: "6.104", baseUrl: origin, lastSuccessfulPoll: .never)]))
        }
    }

    @Test func actionsOnAnUnknownSourceAreSourceNotFound() async throws {
        try await withServedReference { sut, _, _ in
            let raw = RawExternalAssignment(
                externalId: "1", details: ExternalAssignmentDetails(name: "A"), externalModificationTimestamp: HTTPFixtures.timestamp("2025-09-01T00:00:00Z"))
            let calls: [ConceptCall] = [
                .disconnectSource(sourceAccount: "ghost"), .pollExternalSource(sourceAccount: "ghost"),
                .identifyChanges(sourceAccount: "ghost", rawExternalAssignments: [raw]),
                .recordInternalSync(sourceAccount: "ghost", externalId: "1", internalId: "a1", externalModificationTimestamp: raw.externalModificationTimestamp),
            ]
            for call in calls {
                let result = await sut.perform(call)
                #expect(result.value?.error?.name == "SourceNotFound", "\(call): \(result)")
                #expect(result.value?.error?.kind == .action)
            }
            #expect(await sut.perform(.getMappedInternalId(externalId: "1", sourceAccount: "ghost")).value
                == .error(ConceptError(kind: .query, name: nil, message: "External assignment with ID '1' not found for source 'ghost'")))
            #expect(await sut.perform(.getSourcesForUser(user: "user:nobody")).value == .sources([]))
        }
    }

    @Test func theLabelNamesTheBaseURLAndProfile() async throws {
        var configuration = HTTPImplementation.Configuration(baseURL: "http://127.0.0.1:8000/api/", profile: .compat6104)
        #expect(configuration.baseURL == "http://127.0.0.1:8000/api")
        #expect(configuration.url(for: "_getSourcesForUser") == "http://127.0.0.1:8000/api/ExternalAssignmentSync/_getSourcesForUser")
        #expect(configuration.effectiveLabel == "http://127.0.0.1:8000/api (compat-6104)")
        configuration.label = "my server"
        #expect(configuration.effectiveLabel == "my server")
        #expect(HTTPImplementation.Configuration().baseURL == "http://127.0.0.1:8000/api")
    }
}

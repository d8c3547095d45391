import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SyncServicePollTests {
    private let platform = [Fixtures.raw("1", "2025-08-30T10:00:00Z"), Fixtures.raw("2", "2025-08-31T10:00:00Z")]

    @Test func pollReturnsThePlatformListAndSetsLastSuccessfulPollFromTheClock() async throws {
        let harness = ServiceHarness(connector: FakeConnector(assignments: platform))
        let id = try await harness.connect()
        #expect(try await harness.service._getSourcesForUser(user: Fixtures.alice).first?.lastSuccessfulPoll == nil)
        harness.clock.advance(bySeconds: 90)
        let pollTime = harness.clock.peek
        #expect(try await harness.service.pollExternalSource(sourceAccount: id) == platform)
        #expect(harness.checkedState().source(id)?.lastSuccessfulPoll == pollTime)
        #expect(harness.connector.withState { $0.fetchCalls } == [Fixtures.aliceDetails])
    }

    /// The spec allows NetworkError, ApiRateLimitError and SourceConnectionError at poll (interpretation 6).
    @Test(arguments: [
        (SyncError.Code.networkError, SyncError.Code.networkError),
        (.apiRateLimitError, .apiRateLimitError),
        (.sourceConnectionError, .sourceConnectionError),
        (.invalidCredentialsError, .sourceConnectionError),
        (.duplicateSourceError, .networkError),
    ])
    func failedPollReportsTheSpecCodeAndLeavesLastSuccessfulPollAlone(
        thrown: SyncError.Code,
        reported: SyncError.Code
    ) async throws {
        let harness = ServiceHarness(connector: FakeConnector(assignments: platform))
        let id = try await harness.connect()
        _ = try await harness.service.pollExternalSource(sourceAccount: id)
        let firstPoll = harness.checkedState().source(id)?.lastSuccessfulPoll
        #expect(firstPoll != nil)
        harness.clock.advance(bySeconds: 60)
        harness.connector.withState { $0.scriptedFetchFailures = [SyncError(code: thrown, message: "scripted")] }
        await harness.expectError(reported) { try await harness.service.pollExternalSource(sourceAccount: id) }
        #expect(harness.checkedState().source(id)?.lastSuccessfulPoll == firstPoll)
    }

    @Test func aRevokedTokenIsSourceConnectionErrorAndANilPollStaysNil() async throws {
        let harness = ServiceHarness(connector: FakeConnector(assignments: platform))
        let id = try await harness.connect()
        harness.connector.withState { _ = $0.validTokens.remove(Fixtures.aliceToken) }
        await harness.expectError(.sourceConnectionError) {
            try await harness.service.pollExternalSource(sourceAccount: id)
        }
        let account = harness.checkedState().source(id)
        #expect(account != nil && account?.lastSuccessfulPoll == nil)
    }

    @Test func unknownSourceIsSourceNotFoundWithoutAPlatformCall() async throws {
        let harness = ServiceHarness()
        _ = try await harness.connect()
        let before = harness.checkedState()
        await harness.expectError(.sourceNotFound) {
            try await harness.service.pollExternalSource(sourceAccount: "nope")
        }
        #expect(harness.connector.fetchCallCount == 0)
        #expect(harness.checkedState() == before)
    }

    @Test func disconnectDuringTheFetchMakesThePollSourceNotFound() async throws {
        let harness = HarnessBox()
        let connector = FakeConnector(
            assignments: platform,
            duringFetch: { try? await harness.value?.service.disconnectSource(sourceAccount: "source-1") }
        )
        let service = ServiceHarness(connector: connector)
        harness.set(service)
        let id = try await service.connect()
        await service.expectError(.sourceNotFound) { try await service.service.pollExternalSource(sourceAccount: id) }
        #expect(service.checkedState().sources.isEmpty)
    }

    @Test func platformRepeatsAreReturnedOnceWithTheNewestTimestamp() async throws {
        let repeated = platform + [Fixtures.raw("1", "2025-09-01T00:00:00Z")]
        let harness = ServiceHarness(connector: FakeConnector(assignments: repeated))
        let id = try await harness.connect()
        let list = try await harness.service.pollExternalSource(sourceAccount: id)
        #expect(list == [repeated[2], repeated[1]])
    }

    @Test func aConnectorMessageQuotingTheTokenIsScrubbed() async throws {
        let harness = ServiceHarness()
        let id = try await harness.connect()
        let leaky = SyncError(
            code: .networkError,
            message: "GET /api/v1/courses?access_token=\(Fixtures.aliceToken) failed"
        )
        harness.connector.withState { $0.scriptedFetchFailures = [leaky] }
        let error = await harness.expectError(.networkError) {
            try await harness.service.pollExternalSource(sourceAccount: id)
        }
        #expect(error?.message == "GET /api/v1/courses?access_token=[REDACTED] failed")
    }
}

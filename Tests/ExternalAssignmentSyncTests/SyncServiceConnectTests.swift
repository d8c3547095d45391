import ExternalAssignmentSync
import KitPrimitives
import Synchronization
import Testing

@Suite struct SyncServiceConnectTests {
    @Test func connectValidatesThenAddsTheAccount() async throws {
        let harness = ServiceHarness()
        let id = try await harness.connect()
        #expect(id == "source-1")
        #expect(harness.connector.withState { $0.validateCalls } == [Fixtures.aliceDetails])
        let account = harness.checkedState().source(id)
        #expect(account?.connectionDetails == Fixtures.aliceDetails)
        #expect(account != nil && account?.lastSuccessfulPoll == nil)
    }

    @Test func invalidCredentialsFailAndChangeNothing() async {
        let harness = ServiceHarness()
        await harness.expectError(.invalidCredentialsError) {
            try await harness.connect(details: Fixtures.badDetails)
        }
        #expect(harness.checkedState() == SyncState())
    }

    /// The spec allows only InvalidCredentialsError and NetworkError at connect; others are mapped (interpretation 6).
    @Test(arguments: [
        (SyncError.Code.networkError, SyncError.Code.networkError),
        (.invalidCredentialsError, .invalidCredentialsError),
        (.apiRateLimitError, .networkError),
        (.sourceConnectionError, .invalidCredentialsError),
        (SyncError.Code(rawValue: "SomethingElse"), .networkError),
    ])
    func platformFailureIsReportedWithTheSpecCode(thrown: SyncError.Code, reported: SyncError.Code) async {
        let harness = ServiceHarness()
        harness.connector.withState { $0.scriptedValidateFailures = [SyncError(code: thrown, message: "scripted")] }
        let error = await harness.expectError(reported) { try await harness.connect() }
        #expect(error?.message == "scripted")
        #expect(harness.checkedState() == SyncState())
    }

    @Test func duplicateIsReportedBeforeCredentialsAndNeverReachesThePlatform() async throws {
        let harness = ServiceHarness()
        _ = try await harness.connect()
        await harness.expectError(.duplicateSourceError) {
            try await harness.connect(details: Fixtures.badDetails)
        }
        #expect(harness.connector.validateCallCount == 1, "the duplicate made no platform request")
        #expect(harness.checkedState().sources.count == 1)
    }

    @Test func unknownSourceTypeIsAnErrorWithNoStateChangeAndNoPlatformCall() async {
        let harness = ServiceHarness()
        let error = await harness.expectError(.unsupportedSourceType) {
            try await harness.service.connectSource(
                owner: Fixtures.alice,
                sourceType: "GitHub Classroom",
                sourceName: "gh",
                details: Fixtures.aliceDetails
            )
        }
        #expect(error?.code.isSpecCode == false)
        #expect(harness.connector.validateCallCount == 0)
        #expect(harness.checkedState() == SyncState())
    }

    @Test func duplicateNameWinsOverAnUnknownSourceType() async throws {
        let harness = ServiceHarness()
        _ = try await harness.connect()
        await harness.expectError(.duplicateSourceError) {
            try await harness.service.connectSource(
                owner: Fixtures.alice,
                sourceType: "GitHub Classroom",
                sourceName: "6.104 Canvas",
                details: Fixtures.aliceDetails
            )
        }
    }

    @Test func aConnectThatWinsDuringValidationMakesTheSlowerOneADuplicate() async throws {
        let firstValidation = OnceFlag()
        let harness = HarnessBox()
        let connector = FakeConnector(duringValidate: {
            // The first validation lets a second connect of the same name run to completion.
            guard firstValidation.claim() else { return }
            _ = try? await harness.value?.connect(details: Fixtures.aliceDetails)
        })
        let service = ServiceHarness(connector: connector)
        harness.set(service)
        await service.expectError(.duplicateSourceError) {
            try await service.connect(details: Fixtures.bobDetails)
        }
        let sources = service.checkedState().sources
        #expect(sources.count == 1)
        #expect(sources.values.first?.connectionDetails == Fixtures.aliceDetails, "the faster connect won")
        #expect(sources.keys.first == "source-1", "ids are drawn only at the commit, by the winner first")
    }

    @Test func idsTheStateHasIssuedAreDrawnAgain() async throws {
        let harness = ServiceHarness(idGenerator: ScriptedIDGenerator(["x", "x", "x", "y"]))
        #expect(try await harness.connect(name: "one") == "x")
        #expect(try await harness.connect(name: "two") == "y")
        try await harness.service.disconnectSource(sourceAccount: "x")
        let stuck = ServiceHarness(idGenerator: ScriptedIDGenerator(["x"]))
        _ = try await stuck.connect(name: "one")
        await stuck.expectError(.invalidArgument) { try await stuck.connect(name: "two") }
        #expect(stuck.checkedState().sources.count == 1)
    }
}

/// A generator that plays a script, then repeats its last id forever (an empty script repeats
/// `"scripted-id"`, so a mistaken fixture fails its expectations instead of crashing).
final class ScriptedIDGenerator: SourceAccountIDGenerator {
    private let script: Mutex<[SourceAccountID]>
    init(_ script: [SourceAccountID]) { self.script = Mutex(script) }
    func nextID() -> SourceAccountID {
        script.withLock { script -> SourceAccountID in
            if script.count > 1 { return script.removeFirst() }
            return script.first ?? "scripted-id"
        }
    }
}

/// Lets a connector hook reach the harness that owns it (set after construction).
final class HarnessBox: Sendable {
    private let harness = Mutex<ServiceHarness?>(nil)
    func set(_ value: ServiceHarness) { harness.withLock { $0 = value } }
    var value: ServiceHarness? { harness.withLock { $0 } }
}

/// True for the first caller of `claim()` only.
final class OnceFlag: Sendable {
    private let claimed = Mutex(false)
    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}

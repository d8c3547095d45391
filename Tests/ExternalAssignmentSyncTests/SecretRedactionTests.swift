import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Testing

/// The token never appears in a description, mirror, error, summary or log line (interpretation 7, Scenarios/README.md).
@Suite struct SecretRedactionTests {
    /// Every textual rendering Swift offers for `value`.
    private func renderings(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    private func expectNoToken(_ value: Any, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in renderings(of: value) {
            #expect(!text.contains(Fixtures.aliceToken), "\(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func connectionDetailsShowRedactedToken() {
        let details = Fixtures.aliceDetails
        #expect(
            details.description == #"ConnectionDetails(apiToken: [REDACTED], baseUrl: "https://canvas.example.edu")"#
        )
        #expect(details.debugDescription == details.description)
        expectNoToken(details)
        for text in renderings(of: details) { #expect(text.contains("[REDACTED]")) }
    }

    @Test func valuesHoldingDetailsNeverShowTheToken() throws {
        var state = SyncState()
        let request = Fixtures.connectRequest()
        state.connectChecked(request, id: "source-1")
        let account = try #require(state.source("source-1"))
        let values: [Any] = [
            request, account, account.summary, state,
            SyncCommand.beginConnect(request),
            SyncCommand.finishConnect(request, outcome: .success(()), newID: "source-1"),
            SyncEffect.validate(sourceType: "Canvas", details: Fixtures.aliceDetails),
            SyncEffect.fetch(sourceType: "Canvas", details: Fixtures.aliceDetails),
            [account], ["source-1": account], Optional(account) as Any,
        ]
        for value in values { expectNoToken(value) }
    }

    @Test func summaryEncodingHasNoTokenButDetailsEncodingKeepsIt() throws {
        let account = Fixtures.aliceAccount()
        let summary = String(decoding: try JSONEncoder().encode(account.summary), as: UTF8.self)
        #expect(!summary.contains(Fixtures.aliceToken))
        #expect(!summary.contains("apiToken"))
        let details = String(decoding: try JSONEncoder().encode(Fixtures.aliceDetails), as: UTF8.self)
        #expect(details.contains(Fixtures.aliceToken), "Codable keeps the token for the wire and the store")
    }

    @Test func errorsAndLogsOfAWholeStoryNeverShowTheToken() async throws {
        let harness = ServiceHarness(connector: FakeConnector(assignments: [Fixtures.raw("1", "2025-08-30T10:00:00Z")]))
        let source = try await harness.connect()
        var errors: [SyncError] = []
        func collect(_ body: () async throws -> Void) async {
            do { try await body() } catch let error as SyncError { errors.append(error) } catch {
                Issue.record("not a SyncError: \(error)")
            }
        }
        await collect { _ = try await harness.connect() }
        await collect { _ = try await harness.connect(name: "bad", details: Fixtures.badDetails) }
        harness.connector.withState {
            $0.scriptedValidateFailures = [SyncError(code: .networkError, message: "token=\(Fixtures.aliceToken)")]
            $0.scriptedFetchFailures = [
                SyncError(code: .apiRateLimitError, message: "\(Fixtures.aliceToken) throttled")
            ]
        }
        await collect { _ = try await harness.connect(name: "leaky") }
        await collect { _ = try await harness.service.pollExternalSource(sourceAccount: source) }
        _ = try await harness.service.pollExternalSource(sourceAccount: source)
        try await harness.service.disconnectSource(sourceAccount: source)
        await collect { _ = try await harness.service.pollExternalSource(sourceAccount: source) }
        #expect(
            errors.map(\.code) == [
                .duplicateSourceError, .invalidCredentialsError, .networkError, .apiRateLimitError, .sourceNotFound,
            ]
        )
        for error in errors { expectNoToken(error) }
        let lines = harness.logs.all
        #expect(lines.count >= 8)
        for line in lines { #expect(!line.contains(Fixtures.aliceToken), "\(line)") }
        #expect(lines.contains { $0.contains("connected source") && $0.contains("sourceAccount=source-1") })
    }
}

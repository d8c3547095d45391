import ExternalAssignmentSync
import Testing

@Suite struct SyncErrorTests {
    @Test(arguments: [
        (SyncError.Code.duplicateSourceError, "DuplicateSourceError"),
        (.invalidCredentialsError, "InvalidCredentialsError"),
        (.networkError, "NetworkError"),
        (.sourceNotFound, "SourceNotFound"),
        (.apiRateLimitError, "ApiRateLimitError"),
        (.sourceConnectionError, "SourceConnectionError"),
    ])
    func specCodesAreSpelledAsInTheSpec(code: SyncError.Code, name: String) {
        #expect(code.rawValue == name)
        #expect(code.isSpecCode)
        #expect(SyncError(code: code, message: "why").description == "\(name): why")
    }

    @Test(arguments: [SyncError.Code.unsupportedSourceType, .invalidArgument, .storageError])
    func kitCodesAreNotSpecCodes(code: SyncError.Code) {
        #expect(!code.isSpecCode)
    }

    @Test func codesMatchInCatchClauses() {
        func fail() throws { throw SyncError(code: .apiRateLimitError, message: "slow down") }
        do {
            try fail()
        } catch SyncError.Code.networkError {
            Issue.record("matched the wrong code")
        } catch SyncError.Code.apiRateLimitError {
            // expected
        } catch {
            Issue.record("did not match \(error)")
        }
    }

    @Test func redactingReplacesEveryOccurrence() {
        let error = SyncError(code: .networkError, message: "tok-x and tok-x")
        #expect(error.redacting("tok-x").message == "[REDACTED] and [REDACTED]")
        #expect(error.redacting("") == error)
    }

    @Test func queryErrorsAreTheSpecMessages() {
        #expect(
            QueryError.mappingNotFound(externalId: "50001", sourceAccount: "s").description
                == "External assignment with ID '50001' not found for source 's'"
        )
        #expect(QueryError.sourceAccountNotFound.message == "Source account not found")
    }
}

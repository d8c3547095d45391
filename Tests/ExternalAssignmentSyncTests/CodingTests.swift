import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Testing

/// JSON shapes the wire adapter relies on (README, "The wire contract").
@Suite struct CodingTests {
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func identifiersAreBareStrings() throws {
        #expect(try json([SourceAccountID("source-1")]) == #"["source-1"]"#)
        #expect(try JSONDecoder().decode(UserID.self, from: Data(#""user:Alice""#.utf8)) == "user:Alice")
        #expect(AssignmentID("a-1").description == "a-1")
    }

    @Test func absentOptionalsAreEncodedAsNull() throws {
        let raw = RawExternalAssignment(
            externalId: "1",
            details: ExternalAssignmentDetails(name: "Quiz"),
            externalModificationTimestamp: Fixtures.timestamp("2025-09-09T21:59:59-06:00")
        )
        #expect(
            try json(AssignmentToProcess(raw, existingInternalId: nil))
                == #"{"details":{"description":null,"dueDate":null,"name":"Quiz"},"existingInternalId":null,"#
                + #""externalId":"1","externalModificationTimestamp":"2025-09-10T03:59:59Z"}"#
        )
        let summary = SourceAccountSummary(
            id: "source-1",
            owner: Fixtures.alice,
            sourceType: "Canvas",
            sourceName: "n",
            baseUrl: Fixtures.baseUrl,
            lastSuccessfulPoll: nil
        )
        #expect(try json(summary).contains(#""lastSuccessfulPoll":null"#))
    }

    @Test func valuesRoundTrip() throws {
        let account = Fixtures.aliceAccount(lastSuccessfulPoll: Fixtures.start)
        let record = ExternalAssignmentRecord(
            source: "source-1",
            externalId: "1",
            internalAssignment: "a-1",
            lastExternalModificationTimestamp: Fixtures.start
        )
        let decoder = JSONDecoder()
        #expect(try decoder.decode(ExternalSourceAccount.self, from: JSONEncoder().encode(account)) == account)
        #expect(try decoder.decode(ExternalAssignmentRecord.self, from: JSONEncoder().encode(record)) == record)
        #expect(
            try decoder.decode(SourceAccountSummary.self, from: JSONEncoder().encode(account.summary))
                == account.summary
        )
    }

    @Test func missingOptionalKeysDecodeAsNil() throws {
        let details = try JSONDecoder().decode(ExternalAssignmentDetails.self, from: Data(#"{"name":"Quiz"}"#.utf8))
        #expect(details == ExternalAssignmentDetails(name: "Quiz", description: nil, dueDate: nil))
    }
}

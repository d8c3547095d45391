import ExternalAssignmentSync
import KitPrimitives
import Testing

/// Shared test data: users, tokens, details and assignments.
enum Fixtures {
    static let alice: UserID = "user:Alice"
    static let bob: UserID = "user:Bob"
    /// Tokens chosen to be unmistakable when they leak into text.
    static let aliceToken = "tok-alice"
    static let bobToken = "tok-bob"
    static let canvas = "Canvas"
    static let baseUrl = "https://canvas.example.edu"

    static let start = timestamp("2025-09-01T12:00:00Z")

    static let aliceDetails = ConnectionDetails(apiToken: aliceToken, baseUrl: baseUrl)
    static let bobDetails = ConnectionDetails(apiToken: bobToken, baseUrl: baseUrl)
    static let badDetails = ConnectionDetails(apiToken: "tok-wrong", baseUrl: baseUrl)

    /// Parses an RFC 3339 literal; a typo in the test itself records an issue (and gives the epoch)
    /// instead of crashing the test process.
    static func timestamp(_ text: String) -> Timestamp {
        guard let parsed = Timestamp.parse(text) else {
            Issue.record("bad test timestamp \(text)")
            return Timestamp(seconds: 0)
        }
        return parsed
    }

    /// An assignment named after its id.
    static func raw(_ externalId: String, _ modified: String, due: String? = nil) -> RawExternalAssignment {
        RawExternalAssignment(
            externalId: externalId,
            details: ExternalAssignmentDetails(
                name: "Assignment \(externalId)",
                description: "<p>Do \(externalId).</p>",
                dueDate: due.map(timestamp)
            ),
            externalModificationTimestamp: timestamp(modified)
        )
    }

    static func connectRequest(
        owner: UserID = alice,
        name: String = "6.104 Canvas",
        details: ConnectionDetails = aliceDetails
    ) -> ConnectRequest {
        ConnectRequest(owner: owner, sourceType: canvas, sourceName: name, details: details)
    }

    /// Alice's Canvas account "source-1", named "n".
    static func aliceAccount(lastSuccessfulPoll: Timestamp? = nil) -> ExternalSourceAccount {
        ExternalSourceAccount(
            id: "source-1", owner: alice, sourceType: canvas, sourceName: "n", connectionDetails: aliceDetails,
            lastSuccessfulPoll: lastSuccessfulPoll)
    }
}

import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import Testing

/// Authentication (401) and access (404) as GitHub answers them.
@Suite struct AuthTests {
    static let badCredentials = #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}"#

    /// A credential GitHub cannot use, and the token state the journal records for it.
    @Test(arguments: [
        ("Bearer", "nope", "invalid"),
        ("Bearer", "tok-old", "expired"),
        ("Bearer", "tok-gone", "revoked"),
        ("token", "tok-gone", "revoked"),
        ("Basic", "dG9rLWFsaWNlOg==", "invalid"),
    ])
    func unusableCredentialsGetBadCredentials(scheme: String, token: String, journaled: String) async throws {
        try await Fixtures.withMock { mock, http in
            for target in ["/user", "/classrooms", "/classrooms/7001/assignments", "/assignments/80001", "/not-a-route"] {
                let response = try await http.get(target, token: token, scheme: scheme)
                #expect(response.status == 401, "\(target)")
                #expect(response.bodyText == Self.badCredentials, "\(target)")
                #expect(response.rate("limit") == 60, "a refused credential counts against the unauthenticated bucket")
            }
            #expect(Set(mock.journal().map(\.tokenState)) == [journaled])
        }
    }

    @Test func noCredentialGetsRequiresAuthenticationOnKnownRoutes() async throws {
        try await Fixtures.withMock { mock, http in
            let response = try await http.get("/classrooms", token: nil)
            #expect(response.status == 401)
            #expect(response.bodyText == #"{"message":"Requires authentication","documentation_url":"https://docs.github.com/rest/classroom/classroom#list-classrooms","status":"401"}"#)
            #expect(response.rate("limit") == 60)
            #expect(response.rate("remaining") == 59)
            #expect(try await http.get("/nowhere", token: nil).status == 404)
            #expect(mock.journal().map(\.credential) == [.none, .none])
        }
    }

    @Test func bothSchemesAuthenticateAndTheJournalRecordsWhichNeverTheToken() async throws {
        try await Fixtures.withMock { mock, http in
            var statuses: [Int] = []
            for scheme in ["Bearer", "token", "bearer"] { statuses.append(try await http.get("/user", scheme: scheme).status) }
            #expect(statuses == [200, 200, 200], "schemes are case-insensitive")
            let journal = mock.journal()
            #expect(journal.map(\.credential) == [.bearer, .token, .bearer])
            #expect(journal.map(\.user) == ["alice", "alice", "alice"])
            #expect(journal.map(\.userAgent) == ["eas-tests", "eas-tests", "eas-tests"])
        }
    }

    @Test(arguments: [
        ("/classrooms/7001", "tok-bob", "https://docs.github.com/rest/classroom/classroom#get-a-classroom"),
        ("/classrooms/7001/assignments", "tok-bob", "https://docs.github.com/rest/classroom/classroom#list-assignments-for-a-classroom"),
        ("/assignments/80001", "tok-bob", "https://docs.github.com/rest/classroom/classroom#get-an-assignment"),
        ("/classrooms/9999", "tok-alice", "https://docs.github.com/rest/classroom/classroom#get-a-classroom"),
        ("/classrooms/9999/assignments", "tok-alice", "https://docs.github.com/rest/classroom/classroom#list-assignments-for-a-classroom"),
        ("/assignments/12345", "tok-alice", "https://docs.github.com/rest/classroom/classroom#get-an-assignment"),
        ("/classrooms/abc", "tok-alice", "https://docs.github.com/rest"),
        ("/users/alice", "tok-alice", "https://docs.github.com/rest"),
        ("/classrooms/7001/", "tok-alice", "https://docs.github.com/rest"),
    ])
    func notAdministeredOrUnknownIsNotFound(target: String, token: String, documentation: String) async throws {
        try await Fixtures.withMock { _, http in
            let response = try await http.get(target, token: token)
            #expect(response.status == 404)
            #expect(response.bodyText == #"{"message":"Not Found","documentation_url":"\#(documentation)","status":"404"}"#)
            #expect(response.rate("limit") == 5000, "a valid token's request counts against its user")
        }
    }

    @Test func removingAnAdminHidesTheClassroomAtOnce() async throws {
        try await Fixtures.withMock { mock, http in
            #expect(try await http.get("/classrooms/7002", token: "tok-bob").status == 200)
            try await http.control("remove_admin", #"{"classroom": 7002, "login": "bob"}"#)
            #expect(try await http.get("/classrooms/7002", token: "tok-bob").status == 404)
            #expect(try await http.get("/assignments/80004", token: "tok-bob").status == 404)
            try mock.apply(.addAdmin(classroom: 7001, login: "bob"))
            #expect(try await http.get("/classrooms", token: "tok-bob").ids == [7001])
        }
    }

    @Test func tokenChangesTakeEffectOnTheNextRequest() async throws {
        try await Fixtures.withMock { mock, http in
            try await http.control("revoke_token", #"{"token": "tok-bob"}"#)
            #expect(try await http.get("/user", token: "tok-bob").bodyText == Self.badCredentials)
            try mock.apply(.expireToken("tok-alice"))
            #expect(try await http.get("/user").status == 401)
            try mock.apply(.issueToken(user: 1001, token: PlatformToken(token: "tok-new", expiresAt: mock.now.advanced(bySeconds: 60))))
            #expect(try await http.get("/user", token: "tok-new").status == 200)
            try mock.advanceClock(by: .seconds(60))
            #expect(try await http.get("/user", token: "tok-new").status == 401, "a token past expires_at is expired")
            #expect(mock.journal().last?.tokenState == "expired")
        }
    }
}

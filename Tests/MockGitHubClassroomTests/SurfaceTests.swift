import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import Testing

/// Each route's JSON, byte for byte where the shape matters (field names, order, nulls, integer ids).
@Suite struct SurfaceTests {
    static let simpleClassroom7001 =
        #"{"id":7001,"name":"6.104 Fall 2025","archived":false,"url":"https://classroom.github.com/classrooms/7001-6-104-fall-2025"}"#
    static let classroom7001 =
        #"{"id":7001,"name":"6.104 Fall 2025","archived":false,"organization":{"id":9001,"login":"mit-6104","node_id":"#
        + #""\#(nodeID("O_kgDO", 9001))","html_url":"https://github.com/mit-6104","name":"MIT 6.104","avatar_url":"#
        + #""https://avatars.githubusercontent.com/u/9001?v=4"},"url":"https://classroom.github.com/classrooms/7001-6-104-fall-2025"}"#

    static func nodeID(_ prefix: String, _ id: Int64) -> String {
        prefix + String(StableHash.hex(StableHash.fnv1a64("\(prefix)\(id)")).prefix(12))
    }

    @Test func listClassroomsGivesSimpleClassroomsTheUserAdministersInIDOrder() async throws {
        try await Fixtures.withMock { _, http in
            let alice = try await http.get("/classrooms")
            #expect(alice.status == 200)
            #expect(alice.header("content-type") == "application/json; charset=utf-8")
            #expect(alice.bodyText == "[" + Self.simpleClassroom7001
                + #",{"id":7002,"name":"6.031 Spring 2025","archived":true,"url":"https://classroom.github.com/classrooms/7002-6-031-spring-2025"}]"#)
            #expect(try await http.get("/classrooms", token: "tok-bob").ids == [7002])
            #expect(try await http.get("/classrooms", token: "tok-carol").bodyText == "[]")
        }
    }

    @Test func getClassroomAddsTheOrganizationBeforeURL() async throws {
        try await Fixtures.withMock { _, http in
            let response = try await http.get("/classrooms/7001")
            #expect(response.status == 200)
            #expect(response.bodyText == Self.classroom7001)
            let archived = try await http.get("/classrooms/7002").object
            #expect(archived["archived"] as? Bool == true)
            #expect((archived["organization"] as? [String: Any])?["name"] is NSNull, "an organization without a name writes null")
        }
    }

    @Test func listAssignmentsGivesSimpleAssignmentsWithTheSimpleClassroom() async throws {
        try await Fixtures.withMock { _, http in
            let response = try await http.get("/classrooms/7001/assignments")
            #expect(response.status == 200)
            #expect(response.ids == [80001, 80002, 80003])
            let link = AssignmentBytes.inviteLink(80003)
            let expected = #"{"id":80003,"public_repo":false,"title":"Team Project","type":"group","invite_link":"\#(link)","#
                + #""invitations_enabled":true,"slug":"team-project","students_are_repo_admins":false,"#
                + #""feedback_pull_requests_enabled":false,"max_teams":20,"max_members":4,"editor":"codespaces","accepted":0,"#
                + #""submitted":0,"passing":0,"language":null,"deadline":null,"classroom":\#(Self.simpleClassroom7001)}"#
            #expect(response.bodyText.hasSuffix("," + expected + "]"), "\(response.bodyText)")
            let first = try #require((response.json as? [[String: Any]])?.first)
            #expect(first["deadline"] as? String == "2025-09-10T03:59:59Z")
            #expect(first["starter_code_repository"] == nil, "the simple form has no starter repository")
            #expect(first["id"] is NSNumber && !(first["id"] is String), "ids are integers")
        }
    }

    @Test func getAssignmentGivesTheFullAssignmentWithStarterRepositoryAndFullClassroom() async throws {
        try await Fixtures.withMock { _, http in
            let response = try await http.get("/assignments/80001")
            #expect(response.status == 200)
            let text = response.bodyText
            #expect(text.hasPrefix(#"{"id":80001,"public_repo":false,"title":"Problem Set 1","type":"individual","#))
            #expect(text.contains(#""accepted":40,"submitted":12,"passing":10,"language":"typescript","deadline":"2025-09-10T03:59:59Z","starter_code_repository":{"#))
            #expect(text.contains(#""full_name":"mit-6104/ps1-starter","html_url":"https://github.com/mit-6104/ps1-starter","#))
            #expect(text.hasSuffix(#","classroom":"# + Self.classroom7001 + "}"))
            let noStarter = try await http.get("/assignments/80003").bodyText
            #expect(noStarter.contains(#""deadline":null,"starter_code_repository":null,"classroom":{"#))
        }
    }

    @Test func getUserNamesTheAuthenticatedUser() async throws {
        try await Fixtures.withMock { _, http in
            let response = try await http.get("/user", token: "tok-bob", scheme: "token")
            #expect(response.status == 200)
            let user = response.object
            #expect(user["login"] as? String == "bob")
            #expect((user["id"] as? NSNumber)?.int64Value == 1002)
            #expect(user["name"] as? String == "Bob TA")
            #expect(user["type"] as? String == "User")
            #expect(response.bodyText.hasPrefix(#"{"login":"bob","id":1002,"#))
            #expect(try await http.get("/user", token: "tok-carol").object["name"] is NSNull)
        }
    }

    @Test func everyResponseCarriesGitHubsHeaders() async throws {
        try await Fixtures.withMock { _, http in
            for target in ["/user", "/classrooms", "/classrooms/7001", "/classrooms/7001/assignments", "/assignments/80001", "/nope"] {
                let response = try await http.get(target)
                #expect(response.header("x-github-media-type") == "github.v3; format=json")
                #expect(response.header("x-ratelimit-resource") == "core", "\(target)")
            }
        }
    }

    @Test func worldChangesShowOnTheNextRequest() async throws {
        try await Fixtures.withMock { mock, http in
            try await http.control("update_assignment", #"{"id": 80001, "deadline": null, "title": "PS1 (revised)"}"#)
            let a = try await http.get("/assignments/80001").object
            #expect(a["deadline"] is NSNull)
            #expect(a["title"] as? String == "PS1 (revised)")
            #expect(a["slug"] as? String == "problem-set-1", "a rename keeps the slug")
            try mock.apply(.deleteAssignment(id: 80002))
            #expect(try await http.get("/classrooms/7001/assignments").ids == [80001, 80003])
            #expect(try await http.get("/assignments/80002").status == 404)
            try await http.control("update_classroom", #"{"id": 7001, "archived": true}"#)
            #expect(try await http.get("/classrooms/7001").object["archived"] as? Bool == true)
        }
    }

    @Test func theOracleMatchesWhatAClientFetchesByListing() async throws {
        try await Fixtures.withMock { mock, http in
            for token in ["tok-alice", "tok-bob", "tok-carol"] {
                var fetched: [Int64] = []
                for classroom in try await http.get("/classrooms?per_page=100", token: token).ids {
                    fetched += try await http.get("/classrooms/\(classroom)/assignments?per_page=100", token: token).ids
                }
                #expect(mock.assignmentsVisible(to: token)?.map(\.id) == fetched, "\(token)")
            }
            #expect(mock.assignmentsVisible(to: "tok-alice")?.map(\.id) == [80001, 80002, 80003, 80004, 80005])
            for unusable in ["tok-old", "tok-gone", "nope"] { #expect(mock.assignmentsVisible(to: unusable) == nil) }
        }
    }
}

/// Derived values the expected bytes use.
enum AssignmentBytes {
    static func inviteLink(_ id: Int64) -> String { GitHubClassroomAssignment.inviteLink(for: id) }
}

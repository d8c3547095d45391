import Foundation
import KitPrimitives
import KitTestSupport
import MockGitHubClassroom
import MockServerCore
import Testing

/// GitHub Classroom world files: shape, defaults, changes, and errors that name file, line and field.
@Suite struct WorldFileTests {
    @Test func basicWorldLoadsWithDefaults() throws {
        let world = try Fixtures.world()
        #expect(world.clock == Timestamp(seconds: 1_756_728_000))
        try #require(world.users.map(\.login) == ["alice", "bob", "carol"])
        #expect(world.users[0].tokens.map(\.state) == [.active, .expired, .revoked])
        #expect(world.classrooms.map(\.archived) == [false, true])
        #expect(world.assignments.count == 5)
        let team = try #require(world.assignments.first { $0.id == 80003 })
        #expect(team.type == .group && team.deadline == nil && team.invitationsEnabled && team.slug == "team-project")
        #expect(team.inviteLink.hasPrefix("https://classroom.github.com/a/"))
        #expect(world.rateLimit == GitHubRateLimit())
    }

    @Test func manyAssignmentsWorldHas250InOneClassroom() throws {
        let world = try Fixtures.world("many-assignments")
        #expect(world.assignments(inClassroom: 7101).count == 250)
        #expect(world.assignments.filter { $0.deadline == nil }.count == 25)
    }

    @Test func worldsBuiltInCodeMatchWorldFiles() throws {
        let parsed = try GitHubClassroomWorld.parse("""
            users: [{id: 1, login: u, tokens: [t]}]
            classrooms: [{id: 2, name: C, admins: [u]}]
            assignments: [{id: 3, classroom: 2, title: A B}]
            """)
        let built = GitHubClassroomWorld(
            users: [GitHubUser(id: 1, login: "u", tokens: [PlatformToken(token: "t")])],
            classrooms: [GitHubClassroom(id: 2, name: "C", admins: ["u"])],
            assignments: [GitHubClassroomAssignment(id: 3, classroom: 2, title: "A B")])
        #expect(parsed == built)
        #expect(try #require(built.classrooms.first).organization == GitHubOrganization(id: 1_000_002, login: "org-2"))
        #expect(try GitHubClassroomWorld.parse(String(decoding: try JSONEncoder().encode(built), as: UTF8.self)) == built, "worlds round-trip")
    }

    @Test(arguments: [
        ("users:\n  - id: 1\n    login: a\n  - id: 1\n    login: b\n", 4, "users[1].id", "duplicate user id 1"),
        ("users:\n  - id: 1\n    login: a\n  - id: 2\n    login: a\n", 5, "users[1].login", "duplicate login 'a'"),
        ("classrooms:\n  - id: 5\n    name: C\n    admins: [nobody]\n", 4, "classrooms[0].admins[0]", "unknown user login 'nobody'"),
        ("classrooms: []\nassignments:\n  - id: 1\n    classroom: 42\n    title: X\n", 4, "assignments[0].classroom", "unknown classroom 42"),
        ("classrooms: [{id: 5, name: C}]\nassignments:\n  - id: 1\n    classroom: 5\n    title: X\n    deadline: tomorrow\n", 6, "assignments[0].deadline", "RFC 3339"),
        ("classrooms: [{id: 5, name: C}]\nassignments:\n  - id: 1\n    classroom: 5\n    title: X\n    type: solo\n", 6, "assignments[0].type", "solo"),
        ("classrooms:\n  - id: five\n    name: C\n", 2, "classrooms[0].id", "expected Int64"),
        ("classrooms:\n  - id: 5\n", 2, nil, "required field 'name' is missing"),
        ("users:\n  - id: 1\n    login: a\n    tokens: [t, t]\n", 4, "users[0].tokens[1]", "issued twice"),
        ("rate_limit: {status: 500}\n", 1, "rate_limit.status", "403 or 429"),
        ("rate_limit:\n  limit: 0\n", 2, "rate_limit.limit", ">= 1"),
        ("clock: [unclosed\n", 2, nil, "YAML syntax"),
    ] as [(String, Int, String?, String)])
    func malformedWorldsNameFileLineAndField(text: String, line: Int, field: String?, message: String) {
        expectMalformedWorld(line: line, field: field, message: message) { _ = try GitHubClassroomWorld.parse(text, file: "bad.yaml") }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: MockError.self) { try GitHubClassroomWorld.load(contentsOf: "/nonexistent/world.yaml") }
    }

    @Test func changesDecodeFromControlPayloadsAndFailCleanly() throws {
        let mock = MockGitHubClassroom(world: try Fixtures.world())
        try mock.perform(try MockGitHubClassroomCommand(name: "add_classroom", payload: #"{"classroom": {"id": 7003, "name": "New", "admins": ["carol"]}}"#))
        try mock.perform(try MockGitHubClassroomCommand(name: "add_assignment", payload: "assignment: {id: 80006, classroom: 7003, title: Lab 1}"))
        #expect(mock.assignmentsVisible(to: "tok-carol")?.map(\.id) == [80006])
        try mock.apply(.updateAssignment(id: 80006, .init(deadline: .some(Timestamp(seconds: 1_757_000_000)), maxTeams: .some(3))))
        #expect(mock.world.assignments.last?.deadline == Timestamp(seconds: 1_757_000_000))
        #expect(mock.world.assignments.last?.maxTeams == 3)
        try mock.apply(.deleteClassroom(id: 7003))
        #expect(mock.assignmentsVisible(to: "tok-carol") == [])
        let before = mock.world
        #expect(throws: MockError.self) { try mock.apply(.updateAssignment(id: 4242, .init(title: "x"))) }
        #expect(throws: MockError.self) { try mock.apply(.addAssignment(GitHubClassroomAssignment(id: 80001, classroom: 7001, title: "dup"))) }
        #expect(throws: MockError.self) { try mock.apply(.addAdmin(classroom: 7001, login: "nobody")) }
        #expect(throws: MockError.self) { try mock.apply(.removeAdmin(classroom: 7001, login: "bob")) }
        #expect(mock.world == before, "a failed change leaves the world unchanged")
        #expect(throws: MockError.self) { try MockGitHubClassroomCommand(name: "add_course", payload: "{}") }
    }

    @Test func changesRoundTripThroughTheirFileForm() throws {
        let changes: [GitHubClassroomWorldChange] = [
            .updateAssignment(id: 1, .init(title: "T", deadline: .some(nil), language: .some("go"), editor: .some(nil))),
            .updateClassroom(id: 2, .init(archived: true)),
            .addAdmin(classroom: 2, login: "a"), .removeAdmin(classroom: 2, login: "a"),
            .revokeToken("x"), .expireToken("y"), .deleteAssignment(id: 3), .deleteClassroom(id: 4),
            .addAssignment(GitHubClassroomAssignment(id: 5, classroom: 2, title: "New", deadline: nil)),
        ]
        for change in changes {
            let text = String(decoding: try JSONEncoder().encode(change), as: UTF8.self)
            #expect(try JSONDecoder().decode(GitHubClassroomWorldChange.self, from: Data(text.utf8)) == change, "\(text)")
        }
        #expect(Set(changes.map(\.name)).isSubset(of: GitHubClassroomWorldChange.names))
    }
}

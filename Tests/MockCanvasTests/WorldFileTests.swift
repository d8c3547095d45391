import KitPrimitives
import KitTestSupport
import MockCanvas
import MockServerCore
import NIOCore
import Testing

/// World files: the README's world-file shape, defaults, and errors that name file, line and field.
@Suite struct WorldFileTests {
    @Test func basicWorldLoadsWithDefaults() throws {
        let world = try Fixtures.basicWorld()
        #expect(world.clock == Timestamp(seconds: 1_756_728_000))
        try #require(world.users.map(\.id) == [101, 102, 103])
        #expect(world.users[0].tokens.map(\.state) == [.active, .expired, .revoked])
        let course = try #require(world.courses.first)
        try #require(course.assignments.map(\.state) == [.published, .published, .published, .unpublished, .deleted])
        #expect(course.assignments[3].updatedAt == world.clock, "updated_at defaults to the clock")
        #expect(course.assignments.map(\.position) == [1, 2, 3, 4, 5])
    }

    @Test func jsonWorldsLoadToo() throws {
        let world = try CanvasWorld.parse(#"{"clock": "2025-01-01T00:00:00-05:00", "users": [{"id": 1, "name": "A", "tokens": ["t"]}]}"#)
        #expect(world.clock == Timestamp(seconds: 1_735_707_600))
    }

    @Test(arguments: [
        ("users:\n  - id: 1\n    name: A\n  - id: 1\n    name: B\n", 4, "users[1].id", "duplicate user id 1"),
        ("users: []\ncourses:\n  - id: 5\n    name: C\n    enrollments:\n      - user: 42\n", 6, "courses[0].enrollments[0].user", "unknown user 42"),
        ("courses:\n  - id: 5\n    name: C\n    assignments:\n      - id: 1\n        name: X\n        due_at: tomorrow\n", 7, "courses[0].assignments[0].due_at", "RFC 3339"),
        ("courses:\n  - id: five\n    name: C\n", 2, "courses[0].id", "expected Int64"),
        ("courses:\n  - id: 5\n", 2, nil, "required field 'name' is missing"),
        ("users:\n  - id: 1\n    name: A\n    tokens: [t, t]\n", 4, "users[0].tokens[1]", "issued twice"),
        ("rate_limit: {status: 500}\n", 1, "rate_limit.status", "403 or 429"),
        ("clock: [unclosed\n", 2, nil, "YAML syntax"),
    ] as [(String, Int, String?, String)])
    func malformedWorldsNameLineAndField(text: String, line: Int, field: String?, message: String) {
        expectMalformedWorld(line: line, field: field, message: message) { _ = try CanvasWorld.parse(text, file: "bad.yaml") }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: MockError.self) { try CanvasWorld.load(contentsOf: "/nonexistent/world.yaml") }
    }

    @Test func worldChangesStampUpdatedAtFromTheVirtualClock() throws {
        let canvas = MockCanvas(world: try Fixtures.basicWorld())
        try canvas.perform(.advanceClock(seconds: 3600))
        try canvas.apply(.updateAssignment(id: 50001, .init(dueAt: .some(nil))))
        let a = try #require(canvas.world.courses.first?.assignments.first)
        #expect(a.updatedAt == Timestamp(seconds: 1_756_728_000 + 3600))
        #expect(a.dueAt == nil)
        #expect(throws: MockError.self) { try canvas.apply(.updateAssignment(id: 4242, .init(name: "x"))) }
        #expect(throws: MockError.self) { try canvas.perform(.setClock(Timestamp(seconds: 0))) }
    }
}

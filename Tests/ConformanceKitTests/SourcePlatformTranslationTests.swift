import ConformanceKit
import ConceptValues
import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The Canvas → GitHub Classroom translation: worlds, changes, fault paths, source type names.
@Suite("Source platform translation")
struct SourcePlatformTranslationTests {
    /// worlds/basic.yaml, loaded once; a load error fails each test that uses it (no crash).
    static let loadedBasic: Result<CanvasWorld, any Error> = Result {
        try CanvasWorld.load(contentsOf: ScenarioTestSupport.scenariosRoot + "/worlds/basic.yaml")
    }

    static func basic() throws -> CanvasWorld { try loadedBasic.get() }

    @Test("A Canvas world becomes classrooms whose admins are the users Canvas lists the course for")
    func worldTranslation() throws {
        let basic = try Self.basic()
        let world = GitHubClassroomWorld(translating: basic)
        #expect(world.clock == basic.clock)
        try #require(world.users.map(\.login) == ["alice", "bob", "carol"])
        #expect(world.users[0].tokens.map(\.state) == [.active, .expired, .revoked])
        #expect(world.classrooms.map(\.id) == [2001, 2002, 1999])
        #expect(world.classrooms.map(\.admins) == [["alice", "bob"], ["alice"], []])
        #expect(world.classrooms.map(\.archived) == [false, false, true])
        // Unpublished 50004 and deleted 50005 are gone: GitHub has no drafts.
        try #require(world.assignments.map(\.id) == [50001, 50002, 50003, 60001, 60002, 40001])
        #expect(world.assignments[0].title == "Problem Set 1")
        #expect(world.assignments[0].deadline == Timestamp.parse("2025-09-10T03:59:59Z"))
        #expect(throws: Never.self) { try world.validate() }
    }

    /// A Canvas change and the names of the GitHub Classroom changes it becomes on basic.yaml.
    static let changeCases: [(CanvasWorldChange, [String])] = [
        (.updateAssignment(id: 50001, .init(name: "PS1")), ["update_assignment"]),
        (.updateAssignment(id: 50001, .init(description: .some("new text"))), []),
        (.unpublishAssignment(id: 50001), ["delete_assignment"]),
        (.publishAssignment(id: 50004), ["add_assignment"]),
        (.deleteAssignment(id: 60001), ["delete_assignment"]),
        (.touchAssignment(id: 50001), []),
        (.setTimestampStyle(.offset(minutes: -360)), []),
        (.revokeToken("tok-alice"), ["revoke_token"]),
        (.expireToken("tok-bob"), ["expire_token"]),
        (.enroll(course: 2002, CanvasEnrollment(user: 103, type: .ta)), ["add_admin"]),
        (.updateCourse(id: 2002, .init(workflowState: .completed)), ["update_classroom", "remove_admin"]),
        (.addCourse(CanvasCourse(id: 3000, name: "New", enrollments: [.init(user: 101)], assignments: [.init(id: 9, name: "A")])),
         ["add_classroom", "add_assignment"]),
    ]

    @Test("Canvas changes translate to the GitHub Classroom changes that keep the worlds equivalent", arguments: changeCases)
    func changeTranslation(_ change: CanvasWorldChange, _ expected: [String]) throws {
        let basic = try Self.basic()
        let now = basic.clock
        let translated = try GitHubClassroomWorldChange.translating(change, in: basic, now: now)
        #expect(translated.map(\.name) == expected)
        // Applying the translation to the translated world gives the translation of the changed world.
        var canvas = basic
        try canvas.apply(change, now: now)
        var gitHub = GitHubClassroomWorld(translating: basic)
        for native in translated { try gitHub.apply(native, now: now) }
        let expectedWorld = GitHubClassroomWorld(translating: canvas)
        // What the concept sees (the slug is derived once, at creation, as GitHub does).
        func seen(_ world: GitHubClassroomWorld) -> [String] {
            world.assignments.sorted { $0.id < $1.id }.map { "\($0.id) \($0.classroom) \($0.title) \($0.deadline?.rfc3339() ?? "-")" }
        }
        #expect(seen(gitHub) == seen(expectedWorld))
        #expect(gitHub.classrooms.map(\.admins) == expectedWorld.classrooms.map(\.admins))
        #expect(gitHub.users.flatMap(\.tokens).map(\.state) == expectedWorld.users.flatMap(\.tokens).map(\.state))
    }

    @Test("Canvas paths map to GitHub Classroom paths, or to none", arguments: [
        ("/api/v1/courses", "/classrooms"), ("/api/v1/users/self", "/user"),
        ("/api/v1/courses/*/assignments", "/classrooms/*/assignments"), ("/api/v1/courses/2001/assignments", "/classrooms/2001/assignments"),
        ("/api/v1/courses/**", "/classrooms/**"), ("/api/v1/**", "/**"), ("/login/canvas", nil),
        ("/api/v1/courses/2001/assignments/50001", nil),
    ] as [(String, String?)])
    func pathTranslation(_ canvas: String, _ gitHub: String?) {
        #expect(CanvasPathTranslation.gitHubClassroomPath(for: canvas) == gitHub)
    }

    @Test("--source-type values", arguments: [
        ("all", SourcePlatform.allCases), ("canvas", [.canvas]), ("github-classroom", [.gitHubClassroom]),
        ("GitHub Classroom, canvas", SourcePlatform.allCases), ("", SourcePlatform.allCases),
    ] as [(String, [SourcePlatform])])
    func sourceTypeOption(_ text: String, _ expected: [SourcePlatform]) throws {
        #expect(try SourcePlatform.parseList(text) == expected)
    }

    @Test("An unknown --source-type names the accepted values")
    func unknownSourceType() {
        #expect(throws: SourcePlatform.UnknownName.self) { try SourcePlatform.parseList("moodle") }
        #expect(SourcePlatform.UnknownName(name: "moodle").description.contains("github-classroom"))
    }

    @Test("The platform oracle stamps GitHub Classroom polls through the fingerprint ledger")
    func oracleStamps() throws {
        let basic = try Self.basic()
        let platform = SimulatedPlatform(canvasWorld: basic, platform: .gitHubClassroom, seed: 1)
        let (first, ledger) = try #require(platform.expectedPoll(token: "tok-alice", ledger: .init()))
        #expect(first.count == 5)
        #expect(first.allSatisfy { $0.externalModificationTimestamp == basic.clock && $0.details.description == nil })
        try platform.apply(.updateAssignment(id: 50001, .init(name: "PS1")))
        let (second, _) = try #require(platform.expectedPoll(token: "tok-alice", ledger: ledger))
        let edited = try #require(second.first { $0.externalId == "50001" })
        #expect(edited.details.name == "PS1")
        #expect(edited.externalModificationTimestamp == basic.clock.advanced(by: .milliseconds(1)))
        #expect(second.first { $0.externalId == "50002" }?.externalModificationTimestamp == basic.clock)
        #expect(platform.canvasView(to: "tok-alice")?.count == 5)
    }
}

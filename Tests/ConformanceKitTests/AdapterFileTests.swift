import ConformanceKit
import Foundation
import KitPrimitives
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Adapter files: what they set, and that every mistake names the file, line and field.
@Suite struct AdapterFileTests {
    static func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eas-adapter-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aCompleteFileSetsRoutesHeadersBodySessionErrorsAndSourceTypes() throws {
        let path = try Self.write("""
            base: http://127.0.0.1:8000/api
            profile: compat-6104
            sourceTypes: [Canvas, GitHub Classroom]
            routes: {_getSourcesForUser: Sources/list}
            headers: {X-Key: "k-${EAS_TEST_KEY}"}
            body: {app: kit}
            session:
              calls:
                - {route: auth/login, body: {u: "{owner}", p: "{password}"}, token: data.token, user: data.user}
              password: "pw-{owner}"
              send: {header: Authorization, format: "Bearer {token}"}
            owner_from_session: true
            errors:
              - {match: "(?i)bad key", name: InvalidCredentialsError}
            """)
        let file = try AdapterFile.load(contentsOf: path, environment: ["EAS_TEST_KEY": "secret"])
        #expect(file.base == "http://127.0.0.1:8000/api")
        #expect(file.profile == .compat6104)
        #expect(file.sourceTypes == [.canvas, .gitHubClassroom])
        var configuration = HTTPImplementation.Configuration(baseURL: "http://h/api")
        file.apply(to: &configuration)
        #expect(configuration.url(for: "_getSourcesForUser") == "http://h/api/Sources/list")
        #expect(configuration.url(for: "connectSource") == "http://h/api/ExternalAssignmentSync/connectSource")
        #expect(configuration.headers.map(\.name) == ["X-Key"] && configuration.headers.map(\.value) == ["k-secret"])
        #expect(configuration.extraBodyFields.map(\.name) == ["app"])
        let session = try #require(configuration.session)
        #expect(session.ownerFromSession)
        #expect(session.delivery == .header(name: "Authorization", format: "Bearer {token}"))
        #expect(session.calls.first?.tokenPath == "data.token")
        #expect(configuration.errorNames.name(for: "Bad key given") == "InvalidCredentialsError")
        #expect(configuration.errorNames.name(for: "something else") == nil)
        #expect(configuration.errorNames.unmapped.all == ["something else"], "unmapped texts are remembered once, for the summary")
    }

    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var field: String
        var says: String
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(name: "unknown key", text: "profile: strict\nowner_from_sesion: true\n", line: 2, field: "owner_from_sesion", says: "unknown key 'owner_from_sesion'"),
        Mistake(name: "bad profile", text: "profile: loose\n", line: 1, field: "profile", says: "strict or compat-6104"),
        Mistake(name: "unknown source type", text: "sourceTypes: [Moodle]\n", line: 1, field: "sourceTypes", says: "Moodle"),
        Mistake(name: "unknown route name", text: "routes:\n  getSources: x\n", line: 2, field: "routes.getSources", says: "unknown call 'getSources'"),
        Mistake(name: "unset variable", text: "headers:\n  X-Key: \"${EAS_NOT_SET_ANYWHERE}\"\n", line: 2, field: "headers", says: "EAS_NOT_SET_ANYWHERE is not set"),
        Mistake(
            name: "bad regular expression", text: "errors:\n  - {match: \"(unclosed\", name: NetworkError}\n", line: 2, field: "errors[0].match",
            says: "not a valid regular expression"),
        Mistake(
            name: "not a spec error name", text: "errors:\n  - {match: x, name: TimeoutError}\n", line: 2, field: "errors[0].name",
            says: "'TimeoutError' is not a spec error name"),
        Mistake(
            name: "session without a token", text: "session:\n  calls:\n    - {route: login}\n  send: {body: s}\n", line: 3, field: "session.calls",
            says: "token: PATH"),
        Mistake(name: "owner from session without a session", text: "owner_from_session: true\n", line: 1, field: "owner_from_session", says: "needs a session"),
        Mistake(name: "YAML syntax", text: "routes: {a: [\n", line: 2, field: "", says: "YAML syntax"),
    ]

    @Test(arguments: mistakes)
    func aMistakeNamesFileLineAndField(_ mistake: Mistake) throws {
        let path = try Self.write(mistake.text)
        let error = try #require(throws: MockError.self) { try AdapterFile.load(contentsOf: path, environment: [:]) }
        #expect(error.code == AdapterFile.errorCode || mistake.field.isEmpty, "\(error)")
        #expect(error.location?.file == path)
        #expect(error.location?.line == mistake.line, "\(error)")
        if !mistake.field.isEmpty { #expect(error.location?.field == mistake.field, "\(error)") }
        #expect(error.description.contains(mistake.says), "\(error)")
    }

    @Test func aMissingFileIsUnreadable() throws {
        let error = try #require(throws: MockError.self) { try AdapterFile.load(contentsOf: "/nonexistent/adapter.yaml") }
        #expect(error.code == .unreadableFile)
    }
}

/// Route resolution against servers that expose their queries with and without `_`.
@Suite struct RouteResolutionTests {
    @Test func queriesWithoutTheirUnderscoreAreFoundAndMissingOnesNameTheirCandidates() async throws {
        // A server that knows only `getSourcesForUser` (no `_`) and no other query.
        try await withFakeConceptServer({ request in
            request.path.hasSuffix("/ExternalAssignmentSync/getSourcesForUser")
                ? ResponsePlan(.json(200, text: #"[{"sources":[]}]"#)) : ResponsePlan(.text(404, "404 Not Found"))
        }) { _, base in
            var configuration = HTTPFixtures.configuration(base)
            configuration.routes["_getAssignmentsForSource"] = "Elsewhere/assignments"
            let resolution = await RouteResolution.resolve(configuration)
            let byName = Dictionary(uniqueKeysWithValues: resolution.entries.map { ($0.name, $0) })
            #expect(byName["_getSourcesForUser"]?.origin == .found)
            #expect(byName["_getSourcesForUser"]?.url == base + "/ExternalAssignmentSync/getSourcesForUser")
            #expect(byName["_getAssignmentsForSource"]?.origin == .given)
            #expect(byName["connectSource"]?.origin == .contract, "actions are never probed")
            let missing = try #require(byName["_getMappedInternalId"])
            #expect(missing.origin == .missing)
            #expect(missing.tried == [base + "/ExternalAssignmentSync/_getMappedInternalId", base + "/ExternalAssignmentSync/getMappedInternalId"])
            try await HTTPImplementation.withImplementation(resolution.configuration) { sut in
                let error = try #require(await sut.perform(.getMappedInternalId(externalId: "1", sourceAccount: "s")).harnessError)
                #expect(error.message.contains("tried \(base)/ExternalAssignmentSync/_getMappedInternalId, \(base)/ExternalAssignmentSync/getMappedInternalId"), "\(error)")
                #expect(error.message.contains("--route _getMappedInternalId=PATH"))
                let sources = await sut.perform(.getSourcesForUser(user: "u"))
                #expect(sources == .success(.sources([])), "the found route is used")
            }
        }
    }
}

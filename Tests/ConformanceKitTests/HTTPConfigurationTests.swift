import ConformanceKit
import KitPrimitives
import ReferenceHarness
import ConceptValues
import Logging
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Configuring the adapter from the environment (`EAS_SUT_URL`, `EAS_PROFILE`, …), validation, and
/// what the adapter and `serve` log (never a token).
@Suite struct HTTPConfigurationTests {
    @Test func noURLMeansNoHTTPImplementation() throws {
        #expect(try HTTPImplementation.Configuration.fromEnvironment([:]) == nil)
        #expect(try HTTPImplementation.Configuration.fromEnvironment(["EAS_SUT_URL": "", "EAS_PROFILE": "strict"]) == nil)
    }

    @Test func everyVariableIsRead() throws {
        let configuration = try #require(try HTTPImplementation.Configuration.fromEnvironment([
            "EAS_SUT_URL": "http://localhost:8000/api/", "EAS_PROFILE": "compat-6104", "EAS_SUT_TIMEOUT": "2.5",
            "EAS_SUT_HEADERS": #"{"Authorization":"Bearer x"}"#, "EAS_SUT_BODY_FIELDS": #"{"sessionToken":"s-1","n":2}"#,
        ]))
        #expect(configuration.baseURL == "http://localhost:8000/api")
        #expect(configuration.profile == .compat6104)
        #expect(configuration.timeout == .milliseconds(2500))
        #expect(configuration.headers.map(\.name) == ["Authorization"])
        #expect(configuration.headers.map(\.value) == ["Bearer x"])
        #expect(configuration.extraBodyFields.map(\.name) == ["sessionToken", "n"])
        #expect(configuration.extraBodyFields.map(\.value) == [.string("s-1"), .int(2)])
        let strict = try #require(try HTTPImplementation.Configuration.fromEnvironment(["EAS_SUT_URL": "https://sut.test/api"]))
        #expect(strict.profile == .strict)
    }

    @Test(arguments: [
        (["EAS_SUT_URL": "localhost:8000/api"], "invalid-base-url"),
        (["EAS_SUT_URL": "ftp://host/api"], "invalid-base-url"),
        (["EAS_SUT_URL": "http:///api"], "invalid-base-url"),
        (["EAS_SUT_URL": "http://h/api", "EAS_PROFILE": "loose"], "unknown-profile"),
        (["EAS_SUT_URL": "http://h/api", "EAS_SUT_TIMEOUT": "-1"], "invalid-timeout"),
        (["EAS_SUT_URL": "http://h/api", "EAS_SUT_HEADERS": #"{"X":1}"#], "invalid-extras"),
        (["EAS_SUT_URL": "http://h/api", "EAS_SUT_BODY_FIELDS": "[1]"], "invalid-extras"),
    ])
    func badSettingsAreUsageErrors(_ environment: [String: String], _ code: String) {
        #expect(throws: HTTPConfigurationError.self) { try HTTPImplementation.Configuration.fromEnvironment(environment) }
        do {
            _ = try HTTPImplementation.Configuration.fromEnvironment(environment)
        } catch {
            #expect(error.code.rawValue == code, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func neitherTheAdapterNorServeLogsAToken() async throws {
        let log = CapturedLog()
        try await MockServerCore.withHTTPServer(responder: FakeConceptServer { _ in ResponsePlan(.json(200, text: "}{")) }, logger: HTTPFixtures.quietLogger) { address in
            var configuration = HTTPFixtures.configuration(address.origin + "/api")
            configuration.logger = log.logger(label: "adapter")
            try await HTTPImplementation.withImplementation(configuration) { sut in
                _ = await sut.perform(.connectSource(
                    owner: "u", sourceType: "Canvas", sourceName: "n", details: ConnectionDetails(apiToken: "tok-logged-7", baseUrl: "http://c")))
            }
        }
        try await withReferenceServer(logger: log.logger(label: "serve")) { served in
            try await HTTPImplementation.withImplementation(HTTPFixtures.configuration(served.baseURL)) { sut in
                _ = await sut.perform(.connectSource(
                    owner: "u", sourceType: "Canvas", sourceName: "n", details: ConnectionDetails(apiToken: "tok-logged-7", baseUrl: served.address.origin)))
            }
        }
        let lines = log.all
        #expect(lines.contains { $0.contains("route=connectSource") })
        #expect(lines.contains { $0.contains("path=/api/ExternalAssignmentSync/connectSource") })
        #expect(lines.allSatisfy { !$0.contains("tok-logged-7") }, "\(lines)")
    }
}

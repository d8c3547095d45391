import ConformanceKit
import ConceptValues
import KitPrimitives
import MockServerCore
import NIOHTTP1
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The compat-6104 profile against a fake 6.104-style concept server (free-text errors, wrapped
/// queries, epoch-millisecond timestamps, `_id`, absent fields, numeric ids), and the strict profile
/// refusing the same answers with a reason that names the field.
@Suite struct HTTPCompatProfileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var call: ConceptCall
        var answer: String
        var expected: ConceptResult
        /// What the strict profile says about the same answer: nil when it reads it the same way.
        var strictViolation: String?
        var testDescription: String { label }
    }

    static let ms = Int64(1_725_000_000_000)
    static let instant = Timestamp(millisecondsSinceEpoch: ms)
    static let details = ConnectionDetails(apiToken: "tok-compat-1", baseUrl: "http://canvas.test")

    static let cases: [Case] = [
        Case(label: "free-text action error", call: .connectSource(owner: "u", sourceType: "Canvas", sourceName: "dup", details: details),
             answer: #"{"error":"A source named 'dup' already exists for this user"}"#,
             expected: .error(ConceptError(kind: .action, name: nil, message: "A source named 'dup' already exists for this user")),
             strictViolation: nil),
        Case(label: "free text starting with a spec name", call: .pollExternalSource(sourceAccount: "s1"),
             answer: #"{"error":"NetworkError - Canvas did not answer"}"#,
             expected: .error(ConceptError(kind: .action, name: "NetworkError", message: "Canvas did not answer")),
             strictViolation: nil),
        Case(label: "a word that only looks like a name", call: .pollExternalSource(sourceAccount: "s1"),
             answer: #"{"error":"Error: something failed"}"#,
             expected: .error(ConceptError(kind: .action, name: nil, message: "Error: something failed")),
             strictViolation: nil),
        Case(label: "numeric id from connectSource", call: .connectSource(owner: "u", sourceType: "Canvas", sourceName: "n", details: details),
             answer: #"{"sourceAccount":42}"#, expected: .sourceAccount("42"), strictViolation: "sourceAccount: expected an id (a string), got a number (42)"),
        Case(label: "epoch milliseconds and absent nullable fields in a poll", call: .pollExternalSource(sourceAccount: "s1"),
             answer: #"{"rawExternalAssignments":[{"externalId":50001,"details":{"name":"PS1"},"externalModificationTimestamp":1725000000000}]}"#,
             expected: .rawExternalAssignments([RawExternalAssignment(
                externalId: "50001", details: ExternalAssignmentDetails(name: "PS1"), externalModificationTimestamp: instant)]),
             strictViolation: "rawExternalAssignments[0].externalId"),
        Case(label: "absent existingInternalId and an epoch due date", call: .identifyChanges(sourceAccount: "s1", rawExternalAssignments: []),
             answer: #"{"assignmentsToProcess":[{"externalId":"1","details":{"name":"x","description":null,"dueDate":1725000000000},"externalModificationTimestamp":"2024-08-30T06:40:00.000Z"}]}"#,
             expected: .assignmentsToProcess([AssignmentToProcess(
                externalId: "1", details: ExternalAssignmentDetails(name: "x", dueDate: instant), externalModificationTimestamp: instant, existingInternalId: nil)]),
             strictViolation: "assignmentsToProcess[0].details.dueDate: expected an RFC 3339 timestamp, got a number (1725000000000)"),
        Case(label: "wrapped sources with _id and no lastSuccessfulPoll", call: .getSourcesForUser(user: "u"),
             answer: #"{"sources":[{"_id":"0199a","owner":"u","sourceType":"Canvas","sourceName":"n","connectionDetails":{"baseUrl":"http://canvas.test"}}]}"#,
             expected: .sources([SourceView(id: "0199a", owner: "u", sourceType: "Canvas", sourceName: "n", baseUrl: "http://canvas.test", lastSuccessfulPoll: .absent)]),
             strictViolation: "the answer: expected a JSON array"),
        Case(label: "an array of raw source documents", call: .getSourcesForUser(user: "u"),
             answer: #"[{"_id":"s1","lastSuccessfulPoll":1725000000000},{"_id":"s2","lastSuccessfulPoll":null}]"#,
             expected: .sources([SourceView(id: "s1", lastSuccessfulPoll: .at(instant)), SourceView(id: "s2", lastSuccessfulPoll: .never)]),
             strictViolation: #"[0]: expected an object with "sources""#),
        Case(label: "sources as one dictionary per source", call: .getSourcesForUser(user: "u"),
             answer: #"[{"sources":"s1"},{"sources":"s2"}]"#,
             expected: .sources([SourceView(id: "s1"), SourceView(id: "s2")]),
             strictViolation: "[0].sources: expected an array"),
        Case(label: "a present-but-absent poll stamp in an id list", call: .getSourcesForUser(user: "u"),
             answer: #"[{"sources":[{"id":"s1","owner":"u"}]}]"#,
             expected: .sources([SourceView(id: "s1", owner: "u", lastSuccessfulPoll: .absent)]),
             strictViolation: "sources[0].lastSuccessfulPoll: missing"),
        Case(label: "empty _getMappedInternalId result", call: .getMappedInternalId(externalId: "1", sourceAccount: "s1"),
             answer: "[]", expected: .error(ConceptError(kind: .query, name: nil, message: "(no result: the query answered [])")),
             strictViolation: "expected exactly one result"),
        Case(label: "wrapped internalId", call: .getMappedInternalId(externalId: "1", sourceAccount: "s1"),
             answer: #"{"internalId":"a1"}"#, expected: .internalId("a1"), strictViolation: "expected a JSON array"),
        Case(label: "raw mapping documents", call: .getAssignmentsForSource(sourceAccount: "s1"),
             answer: #"[{"_id":"m1","source":"s1","externalId":"50001","internalAssignment":"a1","lastExternalModificationTimestamp":1725000000000}]"#,
             expected: .assignments([MappingView(externalId: "50001", internalAssignment: "a1", lastExternalModificationTimestamp: instant, source: "s1")]),
             strictViolation: #"[0]: expected an object with "assignments""#),
        Case(label: "wrapped assignments with internalId", call: .getAssignmentsForSource(sourceAccount: "s1"),
             answer: #"{"assignments":[{"externalId":"1","internalId":"a1"}]}"#,
             expected: .assignments([MappingView(externalId: "1", internalAssignment: "a1", lastExternalModificationTimestamp: nil)]),
             strictViolation: "expected a JSON array"),
        Case(label: "query error inside an array", call: .getAssignmentsForSource(sourceAccount: "s1"),
             answer: #"[{"error":"Source account not found"}]"#,
             expected: .error(ConceptError(kind: .query, name: nil, message: "Source account not found")),
             strictViolation: #"[0]: expected an object with "assignments""#),
        Case(label: "query error object (both profiles)", call: .getMappedInternalId(externalId: "1", sourceAccount: "s1"),
             answer: #"{"error":"External assignment with ID '1' not found for source 's1'"}"#,
             expected: .error(ConceptError(kind: .query, name: nil, message: "External assignment with ID '1' not found for source 's1'")),
             strictViolation: nil),
    ]

    @Test(arguments: cases)
    func compatReadsTheDialect(_ testCase: Case) async throws {
        try await withFakeConceptServer(answering: ResponsePlan(.json(200, text: testCase.answer))) { base in
            try await HTTPImplementation.withImplementation(HTTPFixtures.configuration(base, profile: .compat6104)) { sut in
                let result = await sut.perform(testCase.call)
                #expect(result.value == testCase.expected, "\(result)")
            }
        }
    }

    @Test(arguments: cases)
    func strictRefusesTheDialectNamingTheField(_ testCase: Case) async throws {
        try await withFakeConceptServer(answering: ResponsePlan(.json(200, text: testCase.answer))) { base in
            try await HTTPImplementation.withImplementation(HTTPFixtures.configuration(base, profile: .strict)) { sut in
                let result = await sut.perform(testCase.call)
                if let violation = testCase.strictViolation {
                    let error = try #require(result.harnessError, "strict accepted \(result)")
                    #expect(error.code == .contractViolation)
                    #expect(error.message.contains(violation), "\(error.message)")
                    #expect(error.message.contains(testCase.call.name))
                } else if testCase.expected.error?.kind == .action {
                    // Strict reads a name only from an identifier prefix followed by ':'.
                    #expect(result.value?.error?.kind == .action, "\(result)")
                } else {
                    #expect(result.value == testCase.expected, "\(result)")
                }
            }
        }
    }

    @Test func compatSendsTheSameBodiesWithExtraFieldsAndHeaders() async throws {
        try await withFakeConceptServer({ _ in ResponsePlan(.json(200, text: #"{"sourceAccount":"s1"}"#)) }) { server, base in
            var configuration = HTTPFixtures.configuration(base, profile: .compat6104)
            configuration.extraBodyFields = [("sessionToken", .string("sess-1"))]
            configuration.headers = [("X-Session", "abc")]
            try await HTTPImplementation.withImplementation(configuration) { sut in
                _ = await sut.perform(.connectSource(owner: "u", sourceType: "Canvas", sourceName: "n", details: Self.details))
            }
            let request = try #require(server.received.all.first)
            #expect(request.method == "POST")
            #expect(request.path == "/api/ExternalAssignmentSync/connectSource")
            #expect(request.headers.first(name: "x-session") == "abc")
            #expect(request.headers.first(name: "content-type") == "application/json")
            #expect(request.bodyText == #"{"owner":"u","sourceType":"Canvas","sourceName":"n","details":{"apiToken":"tok-compat-1","baseUrl":"http://canvas.test"},"sessionToken":"sess-1"}"#)
        }
    }
}

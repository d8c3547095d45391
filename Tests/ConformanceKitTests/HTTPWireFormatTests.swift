@testable import ConformanceKit
@testable import ReferenceHarness
import ConceptValues
import KitPrimitives
import MockServerCore
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The wire format pieces without sockets: the JSON reader, error texts, request bodies, and the
/// strict round trip between what `serve` writes and what the adapter reads.
@Suite struct HTTPWireFormatTests {
    static let t = HTTPFixtures.timestamp("2025-09-10T03:59:59Z")
    static let details = ConnectionDetails(apiToken: "tok-a", baseUrl: "http://canvas.test")
    static let raw = RawExternalAssignment(
        externalId: "50001", details: ExternalAssignmentDetails(name: "PS1", description: nil, dueDate: t), externalModificationTimestamp: t)

    static let allCalls: [ConceptCall] = [
        .connectSource(owner: "user:alice", sourceType: "Canvas", sourceName: "6.104", details: details),
        .disconnectSource(sourceAccount: "source-1"),
        .pollExternalSource(sourceAccount: "source-1"),
        .identifyChanges(sourceAccount: "source-1", rawExternalAssignments: [raw]),
        .recordInternalSync(sourceAccount: "source-1", externalId: "50001", internalId: "a1", externalModificationTimestamp: t),
        .getSourcesForUser(user: "user:alice"),
        .getMappedInternalId(externalId: "50001", sourceAccount: "source-1"),
        .getAssignmentsForSource(sourceAccount: "source-1"),
    ]

    // MARK: - Request bodies (README, "The wire contract")

    @Test func requestBodiesHaveTheSpecsNamedArguments() {
        let expected = [
            #"{"owner":"user:alice","sourceType":"Canvas","sourceName":"6.104","details":{"apiToken":"tok-a","baseUrl":"http://canvas.test"}}"#,
            #"{"sourceAccount":"source-1"}"#,
            #"{"sourceAccount":"source-1"}"#,
            #"{"sourceAccount":"source-1","rawExternalAssignments":[{"externalId":"50001","details":{"name":"PS1","description":null,"dueDate":"2025-09-10T03:59:59Z"},"externalModificationTimestamp":"2025-09-10T03:59:59Z"}]}"#,
            #"{"sourceAccount":"source-1","externalId":"50001","internalId":"a1","externalModificationTimestamp":"2025-09-10T03:59:59Z"}"#,
            #"{"user":"user:alice"}"#,
            #"{"externalId":"50001","sourceAccount":"source-1"}"#,
            #"{"sourceAccount":"source-1"}"#,
        ]
        for (call, text) in zip(Self.allCalls, expected) {
            var bytes: [UInt8] = []
            WireRequestEncoder.body(for: call).write(into: &bytes, escapeHTML: false)
            #expect(String(decoding: bytes, as: UTF8.self) == text, "\(call.name)")
        }
    }

    /// A timestamp a scenario wrote with an offset or a short fraction reaches the implementation as
    /// written: normalized to UTC, `07:00:00-06:00` would sort after `12:00:00Z` as text too, and a
    /// server that compares timestamps as strings would pass the scenarios written to catch it.
    @Test func timestampsGoOutAsTheyWereWritten() throws {
        let offset = try Timestamp(rfc3339: "2025-09-01T07:00:00-06:00")
        let fraction = try Timestamp(rfc3339: "2025-09-01T12:00:00.5Z")
        let raw = RawExternalAssignment(
            externalId: "a1", details: ExternalAssignmentDetails(name: "Essay", description: nil, dueDate: fraction), externalModificationTimestamp: offset)
        let identify = WireRequestEncoder.body(for: .identifyChanges(sourceAccount: "s", rawExternalAssignments: [raw])).text
        #expect(identify.contains(#""externalModificationTimestamp":"2025-09-01T07:00:00-06:00""#))
        #expect(identify.contains(#""dueDate":"2025-09-01T12:00:00.5Z""#))
        let record = WireRequestEncoder.body(
            for: .recordInternalSync(sourceAccount: "s", externalId: "a1", internalId: "t", externalModificationTimestamp: offset)).text
        #expect(record.contains(#""externalModificationTimestamp":"2025-09-01T07:00:00-06:00""#))
        #expect(try WireRequestDecoder.call(named: "identifyChanges", body: WireRequestEncoder.body(
            for: .identifyChanges(sourceAccount: "s", rawExternalAssignments: [raw]))) == .identifyChanges(sourceAccount: "s", rawExternalAssignments: [raw]))
    }

    @Test func extraBodyFieldsAppendOrReplace() {
        let body = WireRequestEncoder.body(
            for: .getSourcesForUser(user: "u"), extraFields: [("sessionToken", .string("s")), ("user", .string("override"))])
        #expect(body.text == #"{"user":"override","sessionToken":"s"}"#)
    }

    @Test(arguments: allCalls)
    func serveReadsBackEveryRequestBody(_ call: ConceptCall) throws {
        #expect(try WireRequestDecoder.call(named: call.name, body: WireRequestEncoder.body(for: call)) == call)
    }

    @Test func serveNamesTheMissingOrMistypedArgument() {
        #expect(throws: WireRequestDecoder.ArgumentProblem(message: "sourceAccount: expected an id (a string), got nothing (the key is missing)")) {
            try WireRequestDecoder.call(named: "pollExternalSource", body: .object([]))
        }
        #expect(throws: WireRequestDecoder.ArgumentProblem(message: #"details: expected an object {"apiToken": string, "baseUrl": string}"#)) {
            try WireRequestDecoder.call(named: "connectSource", body: .object([
                ("owner", .string("u")), ("sourceType", .string("Canvas")), ("sourceName", .string("n")),
                ("details", .object([("apiToken", .int(12345)), ("baseUrl", .string("x"))])),
            ]))
        }
    }

    // MARK: - Answers

    /// Results paired with a call that can give them.
    static let results: [(ConceptCall, ConceptResult)] = [
        (allCalls[0], .sourceAccount("source-1")),
        (allCalls[1], .empty),
        (allCalls[2], .rawExternalAssignments([raw, RawExternalAssignment(
            externalId: "x", details: ExternalAssignmentDetails(name: "n", description: "<p>&</p>"), externalModificationTimestamp: Timestamp(seconds: 1, nanoseconds: 5))])),
        (allCalls[2], .rawExternalAssignments([])),
        (allCalls[3], .assignmentsToProcess([AssignmentToProcess(raw, existingInternalId: nil), AssignmentToProcess(raw, existingInternalId: "a1")])),
        (allCalls[5], .sources([
            SourceView(id: "s1", owner: "u", sourceType: "Canvas", sourceName: "n", baseUrl: "http://c", lastSuccessfulPoll: .never),
            SourceView(id: "s2", owner: "u", sourceType: "Canvas", sourceName: "m", baseUrl: "http://c", lastSuccessfulPoll: .at(t)),
        ])),
        (allCalls[5], .sources([])),
        (allCalls[6], .internalId("a1")),
        (allCalls[7], .assignments([MappingView(externalId: "50001", internalAssignment: "a1", lastExternalModificationTimestamp: t, source: "s1")])),
        (allCalls[7], .assignments([])),
        (allCalls[0], .error(ConceptError(kind: .action, name: "DuplicateSourceError", message: "a source named \"n\" already exists"))),
        (allCalls[1], .error(ConceptError(kind: .action, name: "SourceNotFound", message: ""))),
        (allCalls[2], .error(ConceptError(kind: .action, name: "NetworkError", message: "Canvas answered 503: try later"))),
        (allCalls[7], .error(ConceptError(kind: .query, name: nil, message: "Source account not found"))),
    ]

    @Test(arguments: results)
    func bothProfilesReadBackWhatServeWrites(_ call: ConceptCall, _ result: ConceptResult) throws {
        let reread = try WireJSONReader.parse(WireResultEncoder.answer(for: result).bytes)
        #expect(try WireDecoder(profile: .strict).result(of: call, answer: reread) == result)
        #expect(try WireDecoder(profile: .compat6104).result(of: call, answer: reread) == result)
    }

    @Test func serveWritesThePinnedShapes() {
        #expect(WireResultEncoder.answer(for: .sources([])).text == #"[{"sources":[]}]"#)
        #expect(WireResultEncoder.answer(for: .internalId("a1")).text == #"[{"internalId":"a1"}]"#)
        #expect(WireResultEncoder.answer(for: .empty).text == "{}")
        #expect(WireResultEncoder.answer(for: .error(ConceptError(kind: .action, name: "SourceNotFound", message: "no source"))).text
            == #"{"error":"SourceNotFound: no source"}"#)
        #expect(WireResultEncoder.answer(for: .assignmentsToProcess([AssignmentToProcess(Self.raw, existingInternalId: nil)])).text
            == #"{"assignmentsToProcess":[{"externalId":"50001","details":{"name":"PS1","description":null,"dueDate":"2025-09-10T03:59:59Z"},"externalModificationTimestamp":"2025-09-10T03:59:59Z","existingInternalId":null}]}"#)
    }

    @Test func strictAcceptsBothEmptySourceShapesAndExtraKeys() throws {
        let decoder = WireDecoder(profile: .strict)
        let call = ConceptCall.getSourcesForUser(user: "u")
        #expect(try decoder.result(of: call, answer: WireJSONReader.parse(Array("[]".utf8))) == .sources([]))
        #expect(try decoder.result(of: call, answer: WireJSONReader.parse(Array(#"[{"sources":[]}]"#.utf8))) == .sources([]))
        #expect(try decoder.result(of: call, answer: WireJSONReader.parse(Array(#"[{"sources":["s1",{"_id":"s2","lastSuccessfulPoll":null,"extra":1}]}]"#.utf8)))
            == .sources([SourceView(id: "s1"), SourceView(id: "s2", lastSuccessfulPoll: .never)]))
        #expect(try decoder.result(of: .connectSource(owner: "u", sourceType: "C", sourceName: "n", details: Self.details),
                                   answer: WireJSONReader.parse(Array(#"{"sourceAccount":"s1","extra":{"x":[1,2]}}"#.utf8))) == .sourceAccount("s1"))
        #expect(try decoder.result(of: .disconnectSource(sourceAccount: "s"), answer: WireJSONReader.parse(Array(#"{"error":null}"#.utf8))) == .empty)
    }

    @Test func strictWantsPresentNullsAndRFC3339() {
        let decoder = WireDecoder(profile: .strict)
        let poll = ConceptCall.pollExternalSource(sourceAccount: "s")
        #expect(throws: WireViolation("rawExternalAssignments[0].details.description: expected a string or null, got nothing (the key is missing)")) {
            try decoder.result(of: poll, answer: WireJSONReader.parse(Array(#"{"rawExternalAssignments":[{"externalId":"1","details":{"name":"n","dueDate":null},"externalModificationTimestamp":"2025-01-01T00:00:00Z"}]}"#.utf8)))
        }
        #expect(throws: WireViolation(#"rawExternalAssignments[0].externalModificationTimestamp: expected an RFC 3339 timestamp, got a string ("2025-01-01") (expected 'T' between date and time)"#)) {
            try decoder.result(of: poll, answer: WireJSONReader.parse(Array(#"{"rawExternalAssignments":[{"externalId":"1","details":{"name":"n","description":null,"dueDate":null},"externalModificationTimestamp":"2025-01-01"}]}"#.utf8)))
        }
    }

    // MARK: - Error texts

    @Test(arguments: [
        ("DuplicateSourceError: exists", WireProfile.strict, "DuplicateSourceError", "exists"),
        ("SourceNotFound", .strict, "SourceNotFound", ""),
        ("InvalidArgument: owner: missing", .strict, "InvalidArgument", "owner: missing"),
        ("DuplicateError: close but wrong", .strict, "DuplicateError", "close but wrong"),
        ("a free text: with colon", .strict, nil, "a free text: with colon"),
        ("NetworkError: timed out", .compat6104, "NetworkError", "timed out"),
        ("ApiRateLimitError (429)", .compat6104, "ApiRateLimitError", "(429)"),
        ("InvalidArgument: owner", .compat6104, nil, "InvalidArgument: owner"),
        ("SourceNotFoundX", .compat6104, nil, "SourceNotFoundX"),
        ("Source not found", .compat6104, nil, "Source not found"),
    ] as [(String, WireProfile, String?, String)])
    func actionErrorTexts(_ text: String, _ profile: WireProfile, _ name: String?, _ message: String) {
        #expect(WireErrorText.actionError(text, profile: profile) == ConceptError(kind: .action, name: name, message: message))
    }

    // MARK: - JSON reader

    @Test func readerKeepsIntegersOrderAndUnicode() throws {
        let value = try WireJSONReader.parse(Array(#" {"b":1725000000000,"a":[1.5,-0,true,false,null],"s":"\u00e9\ud83d\ude00\n\/"} "#.utf8))
        #expect(value == .object([
            ("b", .int(1_725_000_000_000)), ("a", .array([.double(1.5), .int(0), .bool(true), .bool(false), .null])),
            ("s", .string("é😀\n/")),
        ]))
        #expect(try WireJSONReader.parse(Array("123456789012345678901234567890".utf8)) == .double(Double("123456789012345678901234567890")!))
    }

    @Test(arguments: [
        ("", "unexpected end of text at byte 0"),
        ("{\"a\":1,}", "expected a string key at byte 7"),
        ("[1 2]", "expected ',' or ']' in an array at byte 3"),
        ("\"abc", "unterminated string at byte 4"),
        ("{} x", "unexpected text after the JSON value at byte 3"),
        ("\"\\ud800\"", "lone surrogate in \\u escape at byte 7"),
        ("01", "unexpected text after the JSON value at byte 1"),
        ("nul", "expected 'null' at byte 0"),
        ("\"a\tb\"", "unescaped control character in a string at byte 2"),
    ])
    func readerSaysWhereTheTextIsNotJSON(_ text: String, _ reason: String) {
        #expect(throws: WireJSONReader.Failure.self) { try WireJSONReader.parse(Array(text.utf8)) }
        do {
            _ = try WireJSONReader.parse(Array(text.utf8))
        } catch {
            #expect(error.description == reason)
        }
    }

    @Test func readerBoundsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: WireJSONReader.Failure.self) { try WireJSONReader.parse(Array(deep.utf8)) }
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try WireJSONReader.parse(Array(ok.utf8)) }
    }
}

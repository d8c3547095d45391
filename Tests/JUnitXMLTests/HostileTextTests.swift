import Foundation
import JUnitXML
import Testing

/// Puts `text` in every field the writer has.
func reportWithTextEverywhere(_ text: String) -> JUnitReport {
    JUnitReport(
        name: text,
        properties: [JUnitProperty(name: text, value: text)],
        suites: [
            JUnitSuite(name: text, hostname: text, properties: [JUnitProperty(name: text, value: text)], cases: [
                JUnitCase(
                    classname: text, name: text, time: 1, file: text,
                    properties: [JUnitProperty(name: text, value: text)],
                    outcome: .failure(message: text, type: text, body: text),
                    systemOut: text, systemErr: text
                ),
                JUnitCase(classname: text, name: text + "2", outcome: .error(message: text, type: text, body: text)),
                JUnitCase(classname: text, name: text + "3", outcome: .skipped(message: text)),
            ]),
        ]
    )
}

struct HostileText: Sendable, CustomTestStringConvertible {
    let label: String
    let text: String
    var testDescription: String { label }

    static let all: [HostileText] = [
        HostileText(label: "NUL", text: "before\u{0}after"),
        HostileText(label: "ANSI colours", text: "\u{1B}[31mred\u{1B}[0m"),
        HostileText(label: "every C0 control", text: String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))),
        HostileText(label: "U+FFFE and U+FFFF", text: "a\u{FFFE}b\u{FFFF}c"),
        HostileText(label: "invalid UTF-8", text: JUnitTextSanitizer.decodeLossy([0x61, 0xFF, 0xFE, 0xC3, 0x28, 0x80, 0x62])),
        HostileText(label: "UTF-8 encoded lone surrogate", text: JUnitTextSanitizer.decodeLossy([0xED, 0xA0, 0x80])),
        HostileText(label: "JSON lone surrogate escape", text: #"{"s":"\ud800"}"#),
        HostileText(label: "CDATA terminator", text: "x]]>y<![CDATA[z]]>"),
        HostileText(label: "markup characters", text: #"&<>"' &amp; &#0; <!-- -->"#),
        HostileText(label: "whitespace", text: "tab\there\r\nline\rcr  "),
        HostileText(label: "non-BMP and RTL", text: "😀 \u{202E}evil\u{202C} 𝔘 نص"),
        HostileText(label: "DEL and C1", text: "\u{7F}\u{80}\u{9F}"),
        HostileText(label: "empty", text: ""),
    ]
}

@Suite struct HostileTextTests {
    @Test(arguments: HostileText.all)
    func everyFieldStaysWellFormedAndValid(input: HostileText) throws {
        let bytes = try JUnitWriter.write(reportWithTextEverywhere(input.text))
        #expect(JUnitValidator.checkWellFormed(bytes: bytes) == [])
        #expect(JUnitValidator.validate(bytes: bytes) == [])
        let parsed = try JUnitReportParser.parse(bytes: bytes)
        #expect(parsed.counts == JUnitCounts(tests: 3, failures: 1, errors: 1, skipped: 1))
    }

    @Test func forbiddenCharactersBecomeVisibleEscapes() throws {
        let text = "a\u{0}b\u{1B}[0mc\u{FFFE}d\u{FFFF}e\u{7}"
        let bytes = try JUnitWriter.write(reportWithTextEverywhere(text))
        let parsed = try JUnitReportParser.parse(bytes: bytes)
        let expected = #"a\x00b\x1B[0mc\uFFFEd\uFFFFe\x07"#
        let testCase = try #require(parsed.suites.first?.cases.first)
        #expect(testCase.outcome == .failure(message: expected, type: expected, body: expected))
        #expect(testCase.systemOut == expected)
    }

    @Test(arguments: ["x]]>y", #"&<>"'"#, "tab\tnew\nline", "crlf\r\nend", "😀 é"])
    func legalTextRoundTripsExactly(text: String) throws {
        let parsed = try JUnitReportParser.parse(bytes: try JUnitWriter.write(reportWithTextEverywhere(text)))
        let suite = try #require(parsed.suites.first)
        let testCase = try #require(suite.cases.first)
        #expect(testCase.outcome == .failure(message: text, type: text, body: text))
        #expect(testCase.systemOut == text)
        #expect(testCase.properties == [JUnitProperty(name: text, value: text)])
        #expect(suite.name == (text.isEmpty ? "(unnamed)" : text))
    }

    /// A case that should have failed did not (the test records the thrown error as its issue).
    struct NotAFailure: Error, CustomStringConvertible {
        var outcome: JUnitCase.Outcome
        var description: String { "expected a failure, got \(outcome)" }
    }

    /// `text` everywhere in a report, written with `limits` (the report must validate) and parsed
    /// back: the bytes, the one test case, and its failure's message and body.
    func writtenAndReadBack(_ text: String, limits: JUnitTextLimits = .default) throws -> (bytes: [UInt8], testCase: JUnitCase, message: String, body: String) {
        let bytes = try JUnitWriter.write(reportWithTextEverywhere(text), options: .init(limits: limits))
        #expect(JUnitValidator.validate(bytes: bytes) == [])
        let testCase = try #require(try JUnitReportParser.parse(bytes: bytes).suites.first?.cases.first)
        guard case .failure(let message, _, let body) = testCase.outcome else {
            throw NotAFailure(outcome: testCase.outcome)
        }
        return (bytes, testCase, message, body)
    }

    @Test func aFiveMegabyteMessageIsTruncatedWithAMarker() throws {
        let huge = String(repeating: "é", count: 2_500_000) + "END"  // 5,000,003 bytes
        let (bytes, testCase, message, body) = try writtenAndReadBack(huge)
        #expect(message.utf8.count <= JUnitTextLimits.default.attributeBytes)
        #expect(body.utf8.count <= JUnitTextLimits.default.bodyBytes)
        #expect(message.hasPrefix("éé"))
        #expect(message.contains("… [truncated "))
        #expect(!message.contains("END"))
        let output = try #require(testCase.systemOut)
        #expect(output.utf8.count <= JUnitTextLimits.default.outputBytes)
        #expect(output.utf8.count > JUnitTextLimits.default.outputBytes - 64)
        #expect(bytes.count < 5_000_000)
    }

    @Test(arguments: [0, 1, 10, 29, 30, 31, 32, 40, 100, 1000])
    func truncationNeverSplitsAScalarAndCountsTheRemovedBytes(limit: Int) {
        let text = String(repeating: "aé€😀", count: 20)  // 10 bytes per repeat
        let result = JUnitTextSanitizer.truncate(text, maxBytes: limit)
        let marker = JUnitTextSanitizer.truncationMarker(removedBytes: 200)
        if limit >= text.utf8.count {
            #expect(result == text)
            return
        }
        #expect(result.utf8.count <= max(limit, marker.utf8.count))
        let markerStart = result.range(of: "… [truncated ", options: .backwards)
        let kept = String(result[..<(markerStart?.lowerBound ?? result.endIndex)])
        #expect(text.hasPrefix(kept))
        #expect(result.hasSuffix("[truncated \(text.utf8.count - kept.utf8.count) bytes]"))
    }

    @Test func limitsAreConfigurable() throws {
        let limits = JUnitTextLimits(attributeBytes: 100, bodyBytes: 200, outputBytes: 300)
        let (_, testCase, message, body) = try writtenAndReadBack(String(repeating: "x", count: 10_000), limits: limits)
        #expect(message.utf8.count <= 100)
        #expect(body.utf8.count <= 200)
        #expect((testCase.systemOut?.utf8.count ?? 0) <= 300)
        #expect((testCase.systemOut?.utf8.count ?? 0) > 250)
    }

    @Test func sanitizerLeavesLegalTextUntouched() {
        let legal = "tab\t lf\n cr\r é 😀 \u{D7FF}\u{E000}\u{FFFD}\u{10FFFF}"
        #expect(JUnitTextSanitizer.escapeInvalidCharacters(legal) == legal)
        #expect(JUnitTextSanitizer.escapeInvalidCharacters("\u{0}\u{1F}") == #"\x00\x1F"#)
    }
}

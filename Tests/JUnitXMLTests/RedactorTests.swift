import Foundation
import JUnitXML
import PropertyBased
import Testing

@Suite struct RedactorTests {
    let redactor = Redactor(secrets: ["tok/en\"x\\y", "sk_live_1234", "😀key"])

    @Test(arguments: [
        ("plain", "Authorization: Bearer sk_live_1234 ok", "Authorization: Bearer [REDACTED] ok"),
        ("twice", "sk_live_1234,sk_live_1234", "[REDACTED],[REDACTED]"),
        ("JSON slash, quote, backslash", #"{"t":"tok\/en\"x\\y"}"#, #"{"t":"[REDACTED]"}"#),
        ("unescaped JSON-special secret", #"tok/en"x\y"#, "[REDACTED]"),
        ("\\u escapes, mixed case", #"\u0073k_\u006C\u0069ve_1234"#, "[REDACTED]"),
        ("\\u upper-case hex", #"\u0073\u006B_live_1234"#, "[REDACTED]"),
        ("every character \\u-escaped", #"\u0073\u006b\u005f\u006c\u0069\u0076\u0065\u005f\u0031\u0032\u0033\u0034"#, "[REDACTED]"),
        ("surrogate pair", #"x \ud83d\ude00key y"#, "x [REDACTED] y"),
        ("double-encoded JSON", #"tok\\\/en\\\"x\\\\y"#, "[REDACTED]"),
        ("\\x escape", #"sk\x5flive_1234"#, "[REDACTED]"),
        ("percent-encoded", "sk%5Flive_1234 and tok%2Fen%22x%5Cy", "[REDACTED] and [REDACTED]"),
        ("split by newline", "token=sk_live_\n1234 end", "token=[REDACTED] end"),
        ("split with indentation", "token=sk_li\n        ve_1234", "token=[REDACTED]"),
        ("split with CRLF and trailing blank", "sk_live \r\n  _1234", "[REDACTED]"),
        ("split inside JSON", #"{"log":"sk_live_\n  1234"}"#, #"{"log":"[REDACTED]"}"#),
        ("split several times", "sk_\n li\n ve_\n 1234", "[REDACTED]"),
        ("no secret", "sk_live_123 and sk-live-1234", "sk_live_123 and sk-live-1234"),
        ("break before the first character is kept", "a\n sk_live_1234", "a\n [REDACTED]"),
    ])
    func redacts(label: String, text: String, expected: String) {
        #expect(redactor.redact(text) == expected, "\(label)")
        #expect(redactor.containsSecret(text) == (text != expected), "\(label)")
    }

    @Test func longerSecretsWinOverTheirSubstrings() {
        let redactor = Redactor(secrets: ["abcd", "abcdefgh"])
        #expect(redactor.secrets == ["abcdefgh", "abcd"])
        #expect(redactor.redact("abcdefgh abcd") == "[REDACTED] [REDACTED]")
    }

    @Test func shortSecretsAreStillRedactedAndEmptyOnesIgnored() {
        let redactor = Redactor(secrets: ["", "pw1"])
        #expect(redactor.secrets == ["pw1"])
        #expect(redactor.redact("user:pw1@host") == "user:[REDACTED]@host")
        #expect(Redactor(secrets: [""]).isEmpty)
    }

    @Test func invalidBytesAreDecodedThenRedacted() {
        let bytes: [UInt8] = [0xFF] + Array("sk_live_1234".utf8) + [0xC3]
        #expect(redactor.redact(bytes: bytes) == "\u{FFFD}[REDACTED]\u{FFFD}")
    }

    @Test func everyFieldOfAWrittenReportIsRedacted() throws {
        let secret = "ghp_abcdef123456"
        let variants = [
            secret,
            #"ghp_abc\u0064ef123456"#,
            #"\u0067hp_abcdef123456"#,
            "ghp_abc\n    def123456",
        ]
        for variant in variants {
            let report = reportWithTextEverywhere("before \(variant) after")
            let options = JUnitWriterOptions(redactor: Redactor(secrets: [secret]))
            let bytes = try JUnitWriter.write(report, options: options)
            let text = bytes.utf8String
            #expect(!Redactor(secrets: [secret]).containsSecret(text), "variant \(variant)")
            #expect(!text.contains("ghp_"))
            #expect(text.contains("before [REDACTED] after"))
            #expect(JUnitValidator.validate(bytes: bytes) == [])
        }
    }

    @Test func casesRenamedToTheSamePlaceholderStayUnique() throws {
        let report = JUnitReport(name: "r", suites: [JUnitSuite(name: "s", cases: [
            JUnitCase(classname: "c", name: "secret-one-1"),
            JUnitCase(classname: "c", name: "secret-two-2"),
        ])])
        let options = JUnitWriterOptions(redactor: Redactor(secrets: ["secret-one-1", "secret-two-2"]))
        let bytes = try JUnitWriter.write(report, options: options)
        #expect(JUnitValidator.validate(bytes: bytes) == [])
        #expect(try JUnitReportParser.parse(bytes: bytes).allCases.map(\.name) == ["[REDACTED]", "[REDACTED] #2"])
    }

    @Test func aSecretHiddenAnywhereInRandomTextIsRemoved() async {
        let secretGen = Gen.lowercaseLetter.string(of: 4...24)
        let noise = Gen.ascii.string(of: 0...40)
        let encoding = Gen<Int>.int(in: 0...4)
        await propertyCheck(count: 200, input: secretGen, noise, noise, encoding) { secret, before, after, form in
            let encoded: String = switch form {
            case 0: secret
            case 1: secret.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
            case 2: String(secret.prefix(2)) + "\n   " + String(secret.dropFirst(2))
            case 3: secret.unicodeScalars.enumerated().map { $0.offset % 2 == 0 ? String($0.element) : String(format: "\\u%04X", $0.element.value) }.joined()
            default: secret.unicodeScalars.map { String(format: "%%%02X", $0.value) }.joined()
            }
            let redactor = Redactor(secrets: [secret])
            let result = redactor.redact(before + encoded + after)
            #expect(!result.contains(secret))
            #expect(!redactor.containsSecret(result))
            #expect(result.contains(Redactor.placeholder))
        }
    }
}

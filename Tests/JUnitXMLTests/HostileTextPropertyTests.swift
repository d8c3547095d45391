import CLibXML2
import Foundation
import JUnitXML
import PropertyBased
import Testing

/// Random scalars biased toward the troublesome ones.
private let hostileScalar = Gen.frequency(
    (weight: 3, gen: Gen.unicodeScalar(in: "\u{0}"..."\u{7F}")),
    (weight: 1, gen: Gen.unicodeScalar(in: "\u{80}"..."\u{D7FF}")),
    (weight: 1, gen: Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}")),
    (weight: 1, gen: Gen<Unicode.Scalar?>.element(of: ["\u{0}", "\u{1B}", "\u{FFFE}", "\u{FFFF}", "]", ">", "&", "<", "\""] as [Unicode.Scalar]).map { (scalar: Unicode.Scalar?) -> Unicode.Scalar in scalar ?? Unicode.Scalar(UInt8(0)) })
)

@Suite struct HostileTextPropertyTests {
    /// Random bytes, decoded lossily, in every one of 16 fields.
    @Test func randomBytesInEveryFieldYieldValidXML() async {
        await propertyCheck(count: 200, input: Gen.uint8().array(of: 0...48).array(of: 16)) { fields in
            let texts = fields.map { JUnitTextSanitizer.decodeLossy($0) }
            let bytes = try JUnitWriter.write(Self.report(texts))
            #expect(JUnitValidator.checkWellFormed(bytes: bytes) == [])
            #expect(JUnitValidator.validate(bytes: bytes) == [])
            #expect(Self.libxml2ReadsTheDocument(bytes))
            let parsed = try JUnitReportParser.parse(bytes: bytes)
            #expect(parsed.counts == JUnitCounts(tests: 2, failures: 1, errors: 0, skipped: 1))
        }
    }

    /// Random strings with forbidden scalars, `]]>`, and markup in every field.
    @Test func randomStringsInEveryFieldYieldValidXML() async {
        let text = hostileScalar.array(of: 0...40).map { String(String.UnicodeScalarView($0)) }
        await propertyCheck(count: 200, input: text.array(of: 16)) { texts in
            let bytes = try JUnitWriter.write(Self.report(texts))
            #expect(JUnitValidator.validate(bytes: bytes) == [])
            #expect(Self.libxml2ReadsTheDocument(bytes))
        }
    }

    /// Cleaning is idempotent, so writing what was read back reproduces the bytes exactly.
    @Test func writeParseWriteIsAFixedPoint() async {
        let text = hostileScalar.array(of: 0...12).map { String(String.UnicodeScalarView($0)) }
        await propertyCheck(count: 200, input: text.array(of: 16)) { texts in
            let first = try JUnitWriter.write(Self.report(texts), options: .init(redactor: Redactor(secrets: ["&<"])))
            let second = try JUnitWriter.write(try JUnitReportParser.parse(bytes: first))
            let identical = first == second
            #expect(identical, "\(first.utf8String)\n---\n\(second.utf8String)")
        }
    }

    private static func report(_ fields: [String]) -> JUnitReport {
        // The generators give 16 fields; pad anyway so a shorter input can never index out of range.
        let texts = fields + Array(repeating: "", count: max(0, 16 - fields.count))
        return JUnitReport(
            name: texts[0],
            properties: [JUnitProperty(name: texts[1], value: texts[2])],
            suites: [
                JUnitSuite(name: texts[3], hostname: texts[4], properties: [JUnitProperty(name: texts[5], value: texts[6])], cases: [
                    JUnitCase(
                        classname: texts[7], name: texts[8], time: 0.25, file: texts[9],
                        properties: [JUnitProperty(name: texts[10], value: texts[11])],
                        outcome: .failure(message: texts[12], type: texts[13], body: texts[14]),
                        systemOut: texts[15], systemErr: texts[0]
                    ),
                    JUnitCase(classname: texts[7], name: texts[8], outcome: .skipped(message: texts[1])),
                ]),
            ]
        )
    }

    /// Parses with the tree API directly, independent of the library's own reader.
    private static func libxml2ReadsTheDocument(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                let document = xmlReadMemory(
                    chars.baseAddress, Int32(chars.count), "property.xml", nil,
                    Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
                )
                defer { xmlFreeDoc(document) }
                return document != nil
            }
        }
    }
}

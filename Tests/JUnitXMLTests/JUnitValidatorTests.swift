import Foundation
import JUnitXML
import Testing

@Suite struct JUnitValidatorTests {
    private func valid() throws -> String {
        try JUnitWriter.write(Samples.report()).utf8String
    }

    @Test func aMalformedDocumentIsRejectedWithALineNumber() throws {
        let broken = Array("<?xml version=\"1.0\"?>\n<testsuites name=\"r\">\n  <testsuite name=\"s\">\n    <testcase name=\"a\" & />\n".utf8)
        for errors in [JUnitValidator.validate(bytes: broken, name: "broken.xml"), JUnitValidator.checkWellFormed(bytes: broken, name: "broken.xml")] {
            let first = try #require(errors.first)
            #expect(first.code == .invalidXML)
            #expect(first.line == 4)
            #expect(first.description.hasPrefix("broken.xml:4"))
            #expect(!first.message.isEmpty)
        }
    }

    @Test func aForbiddenCharacterReferenceIsNotWellFormed() {
        let bytes = Array(#"<testsuites name="r" tests="0" failures="0" errors="0" time="0">&#x1B;</testsuites>"#.utf8)
        #expect(JUnitValidator.checkWellFormed(bytes: bytes).first?.code == .invalidXML)
    }

    @Test(arguments: [
        ("time with 4 decimals", #"time="1.235""#, #"time="1.2345""#),
        ("unknown element", "<system-out>step 1", "<bogus/><system-out>step 1"),
        ("missing hostname", #" hostname="ci-runner-7""#, ""),
        ("bad timestamp", "2025-09-10T03:59:59Z", "10/09/2025"),
        ("outcome after system-out", "</system-out>\n    </testcase>", "</system-out><skipped message=\"late\"/>\n    </testcase>"),
    ])
    func schemaViolationsAreReportedWithLines(label: String, original: String, replacement: String) throws {
        let text = try valid()
        let range = try #require(text.range(of: original), "\(label)")
        let broken = text.replacingCharacters(in: range, with: replacement)
        let errors = JUnitValidator.validate(bytes: Array(broken.utf8))
        let first = try #require(errors.first, "\(label)")
        #expect(first.code == .schemaViolation, "\(label): \(errors)")
        #expect((first.line ?? 0) > 1, "\(label): \(errors)")
    }

    @Test func aSingleTestsuiteRootIsNotOurFormat() {
        let bytes = Array(#"<testsuite name="s" tests="0"/>"#.utf8)
        #expect(JUnitValidator.validate(bytes: bytes).first?.code == .schemaViolation)
    }

    @Test func countsThatDisagreeWithTheCasesAreReported() throws {
        let text = try valid().replacingOccurrences(of: #"tests="4" failures="1""#, with: #"tests="3" failures="0""#)
        let errors = JUnitValidator.validate(bytes: Array(text.utf8))
        #expect(errors.map(\.code) == [.countMismatch, .countMismatch])
        #expect(errors.first?.line == 3)
        #expect(errors.first?.message == #"<testsuite> declares tests="3" but contains 4"#)
    }

    @Test func reportTotalsThatDisagreeAreReported() throws {
        let text = try valid().replacingOccurrences(of: #"<testsuites name="conformance" tests="5""#, with: #"<testsuites name="conformance" tests="50""#)
        let errors = JUnitValidator.validate(bytes: Array(text.utf8))
        #expect(errors.map(\.code) == [.countMismatch])
        #expect(errors.first?.line == 2)
    }

    @Test func duplicateCasesAreReported() throws {
        let text = try valid().replacingOccurrences(of: #"name="crash""#, with: #"name="known gap""#)
        let errors = JUnitValidator.validate(bytes: Array(text.utf8))
        #expect(errors.map(\.code) == [.duplicateCase])
        #expect(errors.first?.line == 23)
    }

    @Test func repeatedSuitePropertyNamesAreReported() throws {
        let text = try valid().replacingOccurrences(
            of: #"<testcase classname="property.idempotence""#,
            with: #"<properties><property name="run-seed" value="43"/></properties><testcase classname="property.idempotence""#
        )
        let errors = JUnitValidator.validate(bytes: Array(text.utf8))
        #expect(errors.map(\.code) == [.duplicateProperty])
        #expect(errors.first?.message == "suite property 'run-seed' is already defined in this report")
    }

    @Test func aMissingFileIsAnIOFailure() {
        #expect(JUnitValidator.validate(path: "/nonexistent-\(UUID().uuidString).xml").map(\.code) == [.ioFailure])
    }

    @Test func theSchemaCompiles() {
        #expect(JUnitValidator.validate(bytes: Array(#"<testsuites name="r" tests="0" failures="0" errors="0" time="0"/>"#.utf8)) == [])
    }

    /// libxml2's global error handler is shared; parallel validations and merges must not mix errors.
    @Test func parallelValidationsKeepTheirOwnErrors() async throws {
        let good = try JUnitWriter.write(Samples.report())
        let bad = Array("<testsuites>\n<oops>\n".utf8)
        let results = await withTaskGroup(of: (Bool, Int).self) { group in
            for index in 0..<32 {
                group.addTask {
                    let isGood = index % 2 == 0
                    let bytes = isGood ? good : bad
                    let errors = index % 4 < 2
                        ? JUnitValidator.validate(bytes: bytes)
                        : JUnitValidator.checkWellFormed(bytes: bytes)
                    let parsed = (try? JUnitReportParser.parse(bytes: bytes)) != nil
                    return (isGood, errors.isEmpty && parsed ? 0 : errors.count)
                }
            }
            var collected: [(Bool, Int)] = []
            for await result in group { collected.append(result) }
            return collected
        }
        for (isGood, errorCount) in results {
            #expect(isGood ? errorCount == 0 : errorCount > 0)
        }
    }
}

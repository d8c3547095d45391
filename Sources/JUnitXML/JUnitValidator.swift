import CLibXML2
import Foundation

/// Checks a report: well-formed XML, valid against ``JUnitSchema/xsd``, and internally consistent.
///
/// ``validate(path:)`` and ``validate(bytes:name:)`` stream the document through libxml2's
/// `xmlTextReader` with the compiled schema attached (memory stays flat for large reports) and check
/// in code what XSD 1.0 cannot: that every `tests`/`failures`/`errors`/`skipped` attribute equals the
/// cases it covers, that no two cases share `classname` + `name`, and that no suite-level property name
/// repeats anywhere in the report (xunitparser rejects that). An empty result means valid.
/// Errors carry a stable ``JUnitXMLError/code`` (`invalid-xml`, `schema-violation`, `count-mismatch`,
/// `duplicate-case`, `duplicate-property`, `io-failure`) and the line number when libxml2 reports one; at most 1,000 are
/// listed, followed by a count of the rest.
///
/// ``checkWellFormed(bytes:name:)`` only re-parses with `xmlReadMemory` (the tree parser).
public enum JUnitValidator {
    /// Validates the report file at `path`.
    public static func validate(path: String) -> [JUnitXMLError] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            return [JUnitXMLError(code: .ioFailure, message: "cannot read \(path)", file: path)]
        }
        return validate(file: path) { xmlReaderForFile(path, nil, parseOptions) }
    }

    /// Validates report bytes; `name` is used in error locations.
    public static func validate(bytes: [UInt8], name: String = "report.xml") -> [JUnitXMLError] {
        bytes.withUnsafeBufferPointer { buffer in
            validate(file: name) {
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlReaderForMemory(chars.baseAddress, Int32(chars.count), name, nil, parseOptions)
                }
            }
        }
    }

    /// Re-parses `bytes` with `xmlReadMemory` and returns the well-formedness errors (empty if none).
    public static func checkWellFormed(bytes: [UInt8], name: String = "report.xml") -> [JUnitXMLError] {
        let collector = LibXMLErrorCollector(otherErrors: .invalidXML, file: name)
        LibXMLGlobalErrors.capture(into: collector) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    let document = xmlReadMemory(chars.baseAddress, Int32(chars.count), name, nil, parseOptions)
                    defer { xmlFreeDoc(document) }
                    if document == nil, !collector.hasErrors {
                        collector.append(JUnitXMLError(code: .invalidXML, message: "not parseable", file: name))
                    }
                }
            }
        }
        return collector.report
    }

    /// No network access, no entity expansion from outside the document, no DTD loading.
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue)

    private static func validate(file: String, openReader: () -> xmlTextReaderPtr?) -> [JUnitXMLError] {
        let collector = LibXMLErrorCollector(file: file)
        // Reader and schema contexts report to `collector` directly; the global capture only catches
        // stragglers such as I/O errors raised before the reader exists.
        LibXMLGlobalErrors.capture(into: collector) {
            guard let schema = CompiledSchema(reportingTo: collector) else { return }
            guard let validation = xmlSchemaNewValidCtxt(schema.pointer) else {
                collector.append(JUnitXMLError(code: .schemaUnavailable, message: "xmlSchemaNewValidCtxt failed"))
                return
            }
            defer { xmlSchemaFreeValidCtxt(validation) }
            clibxml2_set_schema_valid_errors(validation, collector.route)

            guard let reader = openReader() else {
                collector.append(JUnitXMLError(code: .ioFailure, message: "cannot open the document", file: file))
                return
            }
            defer { xmlFreeTextReader(reader) }
            clibxml2_set_reader_errors(reader, collector.route)
            guard xmlTextReaderSchemaValidateCtxt(reader, validation, 0) == 0 else {
                collector.append(JUnitXMLError(code: .schemaUnavailable, message: "cannot attach the schema"))
                return
            }

            var consistency = ReportConsistencyChecker(file: file)
            var status: Int32 = 1
            while status == 1 {
                status = xmlTextReaderRead(reader)
                if status == 1 { consistency.observe(reader) }
            }
            if status < 0, !collector.hasErrors {
                collector.append(JUnitXMLError(code: .invalidXML, message: "the document could not be read", file: file))
            }
            if status == 0, xmlTextReaderIsValid(reader) != 1, !collector.hasErrors {
                collector.append(JUnitXMLError(code: .schemaViolation, message: "the document is not valid", file: file))
            }
            if status == 0 {
                for error in consistency.errors { collector.append(error) }
            }
        }
        // Schema errors can precede the fatal parse error that explains them; lead with the latter.
        let errors = collector.report
        return errors.filter { $0.code == .invalidXML } + errors.filter { $0.code != .invalidXML }
    }
}

/// The built-in schema compiled by libxml2; freed when released.
private final class CompiledSchema {
    let pointer: xmlSchemaPtr

    init?(reportingTo collector: LibXMLErrorCollector) {
        // `xmlSchemaNewMemParserCtxt` keeps the pointer without copying, so the bytes must stay alive
        // until `xmlSchemaParse` returns: both happen inside one closure.
        let xsd = Array(JUnitSchema.xsd.utf8)
        let schema: xmlSchemaPtr? = xsd.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else {
                    collector.append(JUnitXMLError(code: .schemaUnavailable, message: "xmlSchemaNewMemParserCtxt failed"))
                    return nil
                }
                defer { xmlSchemaFreeParserCtxt(parser) }
                clibxml2_set_schema_parser_errors(parser, collector.route)
                return xmlSchemaParse(parser)
            }
        }
        guard let schema else {
            collector.append(JUnitXMLError(code: .schemaUnavailable, message: "the built-in XSD does not compile"))
            return nil
        }
        pointer = schema
    }

    deinit {
        xmlSchemaFree(pointer)
    }
}

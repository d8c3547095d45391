import CLibXML2

/// A thin owner of a libxml2 `xmlTextWriter` that writes to a file or to memory.
///
/// Not `Sendable`: the libxml2 pointers stay inside one instance used from one task. Values must be
/// ``XMLSafeText`` and names are static strings, so nothing reaches libxml2 uncleaned. Layout
/// whitespace (a newline plus two spaces per depth) is written explicitly with ``newline(depth:)``
/// rather than by libxml2's indenter, so that fragments written separately by the streaming writer
/// splice into exactly the bytes the in-memory writer produces.
final class XMLTextWriter {
    private var writer: xmlTextWriterPtr?
    private let buffer: xmlBufferPtr?
    private let target: String

    /// A writer that creates (or replaces) the file at `path`.
    init(path: String) throws {
        let collector = LibXMLErrorCollector(parserErrors: .ioFailure, otherErrors: .ioFailure, file: path)
        let created = LibXMLGlobalErrors.capture(into: collector) { xmlNewTextWriterFilename(path, 0) }
        guard let writer = created else {
            let reason = collector.errors.map(\.message).joined(separator: "; ")
            throw JUnitXMLError(
                code: .ioFailure,
                message: "cannot open \(path) for writing" + (reason.isEmpty ? "" : ": \(reason)"),
                file: path
            )
        }
        self.writer = writer
        self.buffer = nil
        self.target = path
    }

    /// A writer that collects its output in memory; read it with ``contents()``.
    init() throws {
        LibXML2.ensureInitialized()
        guard let buffer = xmlBufferCreate() else {
            throw JUnitXMLError(code: .writeFailed, message: "xmlBufferCreate failed")
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw JUnitXMLError(code: .writeFailed, message: "xmlNewTextWriterMemory failed")
        }
        self.writer = writer
        self.buffer = buffer
        self.target = "memory"
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        if let buffer { xmlBufferFree(buffer) }
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`.
    func startDocument() throws {
        try check(xmlTextWriterStartDocument(open(), "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    /// The bytes ``startDocument()`` writes; a fragment file starts with them and splicing skips them.
    static let declaration = Array(#"<?xml version="1.0" encoding="UTF-8"?>"#.utf8) + [0x0A]

    /// Starts a fragment that will be spliced into another document.
    ///
    /// libxml2 escapes non-ASCII characters in attributes as character references unless the writer's
    /// document has an encoding, which only `xmlTextWriterStartDocument` sets. Fragments therefore start
    /// with the same declaration as a document (skipped when spliced), so that both writers emit
    /// identical bytes.
    func startFragment() throws {
        try startDocument()
    }

    /// Closes every open element and ends the document with a newline.
    func endDocument() throws {
        try check(xmlTextWriterEndDocument(open()), "xmlTextWriterEndDocument")
    }

    /// Opens `<name`.
    func startElement(_ name: StaticString) throws {
        try check(xmlTextWriterStartElement(open(), name.utf8Start), "xmlTextWriterStartElement")
    }

    /// Writes ` name="value"` on the open start tag; libxml2 escapes the value.
    func attribute(_ name: StaticString, _ value: XMLSafeText) throws {
        try check(
            xmlTextWriterWriteAttribute(open(), name.utf8Start, value.string),
            "xmlTextWriterWriteAttribute"
        )
    }

    /// Writes escaped character data.
    func text(_ value: XMLSafeText) throws {
        try check(xmlTextWriterWriteString(open(), value.string), "xmlTextWriterWriteString")
    }

    /// Closes the innermost element (`/>` when it is empty).
    func endElement() throws {
        try check(xmlTextWriterEndElement(open()), "xmlTextWriterEndElement")
    }

    /// Writes a newline and two spaces per level of `depth` (layout only).
    func newline(depth: Int) throws {
        let layout = "\n" + String(repeating: "  ", count: depth)
        try check(xmlTextWriterWriteRaw(open(), layout), "xmlTextWriterWriteRaw")
    }

    /// Copies bytes that another ``XMLTextWriter`` produced (a fragment being spliced in).
    func splice(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let writer = try open()
        let status = xmlTextWriterWriteRawLen(writer, base.assumingMemoryBound(to: xmlChar.self), Int32(bytes.count))
        try check(status, "xmlTextWriterWriteRawLen")
    }

    /// Flushes and releases the libxml2 writer, closing its file. Later writes throw.
    func close() throws {
        guard let writer else { return }
        let flushed = xmlTextWriterFlush(writer)
        xmlFreeTextWriter(writer)
        self.writer = nil
        try check(flushed, "xmlTextWriterFlush")
    }

    /// The bytes written so far by a memory writer.
    func contents() throws -> [UInt8] {
        if let writer { try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush") }
        guard let buffer, let content = xmlBufferContent(buffer) else { return [] }
        let length = Int(xmlBufferLength(buffer))
        return Array(UnsafeBufferPointer(start: content, count: length))
    }

    private func open() throws -> xmlTextWriterPtr {
        guard let writer else {
            throw JUnitXMLError(code: .invalidState, message: "the XML writer for \(target) is closed")
        }
        return writer
    }

    private func check(_ status: Int32, _ function: String) throws {
        guard status >= 0 else {
            throw JUnitXMLError(code: .writeFailed, message: "\(function) failed writing \(target)")
        }
    }
}

/// A problem reading, writing, validating or merging a JUnit XML report.
///
/// `code` is a stable machine-readable string (`schema-violation`, `count-mismatch`, …) that scripts and
/// tests can match on; `message` is for people. `line` and `column` are 1-based positions in the XML
/// document when libxml2 knows them.
public struct JUnitXMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable error code; compare codes, never messages.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        public init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String { rawValue }

        /// The document is not well-formed XML (libxml2's parser rejected it).
        public static let invalidXML = Code("invalid-xml")
        /// The document is well-formed but does not match ``JUnitSchema/xsd``.
        public static let schemaViolation = Code("schema-violation")
        /// A `tests`/`failures`/`errors`/`skipped` attribute disagrees with the test cases it covers.
        public static let countMismatch = Code("count-mismatch")
        /// Two test cases share a `classname` and `name` (GitLab keeps only the first).
        public static let duplicateCase = Code("duplicate-case")
        /// A suite-level property name appears twice in the report (xunitparser rejects the file).
        public static let duplicateProperty = Code("duplicate-property")
        /// The document parsed but is not a JUnit report this library can read.
        public static let invalidReport = Code("invalid-report")
        /// A file could not be read, written, or renamed.
        public static let ioFailure = Code("io-failure")
        /// libxml2's writer reported a failure.
        public static let writeFailed = Code("write-failed")
        /// A streaming writer call came in the wrong order (for example a case outside a suite).
        public static let invalidState = Code("invalid-state")
        /// The built-in schema failed to compile (a bug in this library).
        public static let schemaUnavailable = Code("schema-unavailable")
    }

    /// The stable code.
    public var code: Code
    /// A readable explanation.
    public var message: String
    /// The 1-based line in the document, when known.
    public var line: Int?
    /// The 1-based column in the document, when known.
    public var column: Int?
    /// The file the error refers to, when known.
    public var file: String?

    /// `file:line:column: code: message`, leaving out the parts that are unknown.
    public var description: String {
        var location = ""
        if let file { location += file }
        if let line {
            location += location.isEmpty ? "line \(line)" : ":\(line)"
            if let column { location += ":\(column)" }
        }
        return location.isEmpty ? "\(code): \(message)" : "\(location): \(code): \(message)"
    }
}

/// An error from a mock server or its inputs, with a stable code and, for files, where it happened.
public struct MockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable machine-readable code (appears verbatim in admin responses and reports).
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A world file or world payload does not describe a valid world.
        public static let invalidWorld = Code(rawValue: "invalid-world")
        /// A control command is unknown or its arguments are wrong.
        public static let invalidCommand = Code(rawValue: "invalid-command")
        /// A fault rule is malformed.
        public static let invalidFault = Code(rawValue: "invalid-fault")
        /// A command names something the world does not have.
        public static let notFound = Code(rawValue: "not-found")
        /// A file could not be read.
        public static let unreadableFile = Code(rawValue: "unreadable-file")
    }

    /// Where in a file the problem is.
    public struct Location: Sendable, Hashable, CustomStringConvertible {
        /// The file path (or a label such as `<request body>`).
        public var file: String
        /// 1-based line, when known.
        public var line: Int?
        /// 1-based column, when known.
        public var column: Int?
        /// The dotted field path, e.g. `courses[0].assignments[2].due_at`.
        public var field: String?

        public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil) {
            self.file = file
            self.line = line
            self.column = column
            self.field = field
        }

        public var description: String {
            var text = file
            if let line { text += ":\(line)" }
            if let column { text += ":\(column)" }
            if let field { text += ": field '\(field)'" }
            return text
        }
    }

    /// What kind of problem.
    public var code: Code
    /// A human explanation.
    public var message: String
    /// Where, for errors in files or payloads.
    public var location: Location?

    public init(_ code: Code, _ message: String, location: Location? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String {
        if let location { return "\(location): \(message) [\(code)]" }
        return "\(message) [\(code)]"
    }
}

extension MockError {
    /// A world that does not validate, at the dotted `field` (``PlatformWorld/parse(_:file:)`` adds
    /// the file and the field's line).
    public static func invalidWorld(at field: String, _ message: String) -> MockError {
        MockError(.invalidWorld, message, location: .init(file: "<world>", field: field))
    }
}

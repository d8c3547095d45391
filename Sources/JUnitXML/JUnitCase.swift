/// One `<testcase>`: a scenario or a property check and how it ended.
///
/// Text fields may hold anything (control characters, megabytes, secrets): the writers clean every
/// field on the way out (see ``JUnitTextCleaner``), so the model keeps what the caller gave it.
public struct JUnitCase: Sendable, Hashable {
    /// How a test case ended; at most one `failure`, `error` or `skipped` child is written.
    public enum Outcome: Sendable, Hashable {
        /// The case passed; no outcome element is written.
        case passed
        /// The implementation under test behaved wrongly (expected versus actual).
        /// `type` is omitted from the XML when empty; `body` becomes the element's text.
        case failure(message: String, type: String = "", body: String = "")
        /// The harness or the implementation crashed or could not run the case.
        case error(message: String, type: String = "", body: String = "")
        /// The case did not run; `message` says why (for example an expected failure).
        case skipped(message: String)
    }

    /// The `classname` attribute: GitLab shows it as the suite, and keys cases on `classname` + `name`.
    /// An empty classname is written as the suite's name.
    public var classname: String
    /// The `name` attribute. An empty name is written as `(unnamed)`.
    public var name: String
    /// Duration in seconds; written with at most 3 decimals (see ``JUnitTimeFormat``).
    public var time: Double
    /// The `file` attribute, for scenario cases (the scenario file path).
    public var file: String?
    /// Case-level properties, in order (case seed, spec clauses, replay command, …).
    public var properties: [JUnitProperty]
    /// How the case ended.
    public var outcome: Outcome
    /// The step trace, written as `<system-out>`.
    public var systemOut: String?
    /// Diagnostic output, written as `<system-err>`.
    public var systemErr: String?

    /// Creates a test case.
    public init(
        classname: String,
        name: String,
        time: Double = 0,
        file: String? = nil,
        properties: [JUnitProperty] = [],
        outcome: Outcome = .passed,
        systemOut: String? = nil,
        systemErr: String? = nil
    ) {
        self.classname = classname
        self.name = name
        self.time = time
        self.file = file
        self.properties = properties
        self.outcome = outcome
        self.systemOut = systemOut
        self.systemErr = systemErr
    }
}

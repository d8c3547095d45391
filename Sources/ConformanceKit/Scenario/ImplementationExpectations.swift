import Foundation
import MockServerCore
import Yams

/// Known results of one implementation, as web-platform-tests keeps them: scenario ids expected to
/// `FAIL` (or to be `FLAKY`), each with a reason. Only unexpected results fail a run.
///
/// ```yaml
/// # expectations for my-concept-server
/// connect.duplicate-name-before-credentials:
///   expected: FAIL
///   reason: we validate the token before checking the name (issue #12)
/// poll.transient-503:
///   expected: FLAKY
///   reason: our retry sometimes hides the error
/// ```
public struct ImplementationExpectations: Sendable, Hashable {
    /// What is expected of a scenario.
    public enum Status: String, Sendable, Hashable {
        /// It fails (or errors); a pass is reported as unexpected.
        case fail = "FAIL"
        /// It may pass or fail.
        case flaky = "FLAKY"
    }

    /// One entry.
    public struct Entry: Sendable, Hashable {
        public var scenarioID: String
        public var status: Status
        public var reason: String
        /// Its line in the file.
        public var line: Int?

        public init(scenarioID: String, status: Status, reason: String, line: Int? = nil) {
            self.scenarioID = scenarioID
            self.status = status
            self.reason = reason
            self.line = line
        }
    }

    /// The entries, in file order.
    public var entries: [Entry]
    /// The file they came from.
    public var file: String?

    public init(entries: [Entry] = [], file: String? = nil) {
        self.entries = entries
        self.file = file
    }

    /// The entry for a scenario, if any.
    public func entry(for scenarioID: String) -> Entry? {
        entries.first { $0.scenarioID == scenarioID }
    }

    /// Reads an expectations file; errors name file, line and field.
    public static func load(contentsOf path: String) throws(ScenarioError) -> ImplementationExpectations {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError(.unreadableFile, "cannot read expectations file", location: .init(file: path))
        }
        return try parse(text, file: path)
    }

    /// Parses expectations text (`file` labels errors).
    public static func parse(_ text: String, file: String = "<expectations>") throws(ScenarioError) -> ImplementationExpectations {
        let root = try YAMLCursor.root(of: text, file: file)
        var entries: [Entry] = []
        for (id, value) in try root.entries(what: "mapping of scenario ids") {
            guard ScenarioParser.isValidID(SourcePlatform.splitRunID(id)?.scenarioID ?? id) else {
                throw value.error(.invalidValue, "'\(id)' is not a scenario id")
            }
            let fields = try value.entries(allowed: ["expected", "reason"], what: "mapping with expected and reason")
            guard let expectedCursor = fields.first(where: { $0.key == "expected" })?.value else {
                throw value.error(.missingKey, "required key 'expected' (FAIL or FLAKY) is missing")
            }
            let statusText = try expectedCursor.string()
            guard let status = Status(rawValue: statusText) else {
                throw expectedCursor.error(.invalidValue, "expected is FAIL or FLAKY, got '\(statusText)'")
            }
            guard let reasonCursor = fields.first(where: { $0.key == "reason" })?.value else {
                throw value.error(.missingKey, "required key 'reason' is missing (say why, e.g. an issue link)")
            }
            let reason = try reasonCursor.string()
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw reasonCursor.error(.invalidValue, "the reason is empty") }
            entries.append(Entry(scenarioID: id, status: status, reason: reason, line: value.node.mark?.line))
        }
        return ImplementationExpectations(entries: entries, file: file)
    }
}

import Foundation
import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore
import Yams

/// Decodes the mock's own `Codable` types (worlds, world changes, fault rules) embedded in scenario
/// files, from a located YAML node (load time) or from a ``ScenarioValue`` (run time).
package enum EmbeddedValue {
    /// Decodes the node; a failure names the file, line and full field path.
    package static func decode<T: Decodable>(_ type: T.Type, from cursor: YAMLCursor, code: ScenarioError.Code) throws(ScenarioError) -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: cursor.node)
        } catch let error as DecodingError {
            let (relative, message) = describe(error)
            let at = cursor.descend(relative)
            throw ScenarioError(code, message, location: ScenarioParser.fieldLocation(at, base: cursor, path: relative))
        } catch {
            throw cursor.error(code, "\(error)")
        }
    }

    /// Decodes a run-time value (after `$canvas` and friends are substituted).
    package static func decode<T: Decodable>(_ type: T.Type, from value: ScenarioValue) -> Result<T, ScenarioError> {
        do {
            return .success(try YAMLDecoder().decode(T.self, from: node(value)))
        } catch let error as DecodingError {
            let (path, message) = describe(error)
            return .failure(ScenarioError(.invalidCommand, message, location: .init(file: "<step>", field: path.isEmpty ? nil : path)))
        } catch {
            return .failure(ScenarioError(.invalidCommand, "\(error)", location: .init(file: "<step>")))
        }
    }

    /// The value as a YAML node with explicit tags (strings stay strings, whatever they look like).
    package static func node(_ value: ScenarioValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null), .plain)
        case .bool(let b): return Node(b ? "true" : "false", Tag(.bool))
        case .int(let i): return Node(String(i), Tag(.int))
        case .double(let d): return Node(String(d), Tag(.float))
        case .string(let s): return Node(s, Tag(.str), .doubleQuoted)
        case .timestamp(let t): return Node(t.rfc3339(), Tag(.str), .doubleQuoted)
        case .list(let items): return Node(items.map(node))
        case .map(let entries): return Node(entries.map { (Node($0.key, Tag(.str)), node($0.value)) })
        }
    }

    /// The field path (relative) and a message for a decoding error.
    package static func describe(_ error: DecodingError) -> (String, String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (YAMLDocument.fieldPath(context.codingPath), "expected \(typeName(type)): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (YAMLDocument.fieldPath(context.codingPath), "missing value (expected \(typeName(type)))")
        case .keyNotFound(let key, let context):
            return (YAMLDocument.fieldPath(context.codingPath + [key]), "required field '\(key.stringValue)' is missing")
        case .dataCorrupted(let context):
            return (YAMLDocument.fieldPath(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }

    package static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        return name.hasPrefix("Optional<") ? String(name.dropFirst(9).dropLast()) : name
    }
}

extension ScenarioParser {
    /// Placeholder values for built-ins, so embedded changes and rules can be checked at load time.
    package static let placeholderBuiltins: [String: String] = [
        ScenarioBuiltin.canvas: "http://127.0.0.1:9", ScenarioBuiltin.platform: "http://127.0.0.1:9", ScenarioBuiltin.otherOrigin: "http://127.0.0.1:10",
        ScenarioBuiltin.now: "2025-01-01T00:00:00Z",
    ]

    package static let changeKeys = [
        "change", "user", "token", "course", "id", "enrollment", "assignment", "style", "name", "description", "due_at",
        "points_possible", "position", "published", "course_code", "workflow_state", "type", "state",
    ]
    package static let ruleKeys = ["id", "match", "fault"]
    package static let matchKeys = ["method", "path", "query", "nth", "after", "times", "probability"]
    package static let faultKeys = ["kind", "status", "retry_after", "origin", "milliseconds", "changes"]

    /// `canvas:` (one change or a list), checked by decoding with placeholder built-ins.
    package func parseChanges(_ cursor: YAMLCursor) throws(ScenarioError) -> [ScenarioValue] {
        let items: [YAMLCursor] = cursor.node.sequence == nil ? [cursor] : try cursor.elements()
        var out: [ScenarioValue] = []
        for item in items {
            _ = try item.entries(allowed: Self.changeKeys, what: "world change")
            out.append(try checkedEmbedded(item, as: CanvasWorldChange.self))
        }
        return out
    }

    /// `github:` (one GitHub Classroom change or a list), checked by decoding.
    package func parseGitHubChanges(_ cursor: YAMLCursor) throws(ScenarioError) -> [ScenarioValue] {
        let items: [YAMLCursor] = cursor.node.sequence == nil ? [cursor] : try cursor.elements()
        var out: [ScenarioValue] = []
        for item in items { out.append(try checkedEmbedded(item, as: GitHubClassroomWorldChange.self)) }
        return out
    }

    /// `rate_limit:` (throttle parameters), checked by decoding.
    package func parseRateLimit(_ cursor: YAMLCursor) throws(ScenarioError) -> ScenarioValue {
        _ = try cursor.entries(allowed: ["high_water", "maximum", "leak_per_second", "request_cost", "status", "retry_after"], what: "rate limit")
        return try checkedEmbedded(cursor, as: CanvasRateLimit.self)
    }

    /// `faults:` (a list of rules), checked the same way.
    package func parseFaults(_ cursor: YAMLCursor, gitHubNative: Bool = false) throws(ScenarioError) -> [ScenarioValue] {
        var out: [ScenarioValue] = []
        for rule in try cursor.elements() {
            for (key, value) in try rule.entries(allowed: Self.ruleKeys, what: "fault rule") {
                if key == "match" { _ = try value.entries(allowed: Self.matchKeys) }
                if key == "fault" {
                    for (faultKey, changes) in try value.entries(allowed: Self.faultKeys) where faultKey == "changes" && !gitHubNative {
                        for change in try changes.elements() { _ = try change.entries(allowed: Self.changeKeys, what: "world change") }
                    }
                }
            }
            out.append(
                gitHubNative
                    ? try checkedEmbedded(rule, as: FaultRule<GitHubClassroomWorldChange>.self)
                    : try checkedEmbedded(rule, as: FaultRule<CanvasWorldChange>.self))
        }
        return out
    }

    private func checkedEmbedded<T: Decodable>(_ cursor: YAMLCursor, as type: T.Type) throws(ScenarioError) -> ScenarioValue {
        let value = cursor.value
        var problem: String?
        let substituted = value.mapStrings { text in
            if let name = ScenarioReference.name(in: text) {
                guard let placeholder = Self.placeholderBuiltins[name] else {
                    problem = "only $canvas, $platform, $other_origin and $now may be used here, not '$\(name)'"
                    return text
                }
                return placeholder
            }
            return text
        }
        if let problem { throw cursor.error(.unknownBinding, problem) }
        let substitutedNode = EmbeddedValue.node(substituted)
        let located = YAMLCursor(node: substitutedNode, path: cursor.path, file: cursor.file)
        do {
            _ = try EmbeddedValue.decode(T.self, from: located, code: .invalidCommand)
        } catch {
            // Re-locate against the original node (the substituted one has no marks).
            let relative = error.location.field.map { String($0.dropFirst(min($0.count, cursor.path.count))).droppingPrefix(".") } ?? ""
            let at = cursor.descend(relative)
            throw ScenarioError(error.code, error.message, location: Self.fieldLocation(at, base: cursor, path: relative))
        }
        return value
    }
}

extension String {
    package func droppingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}

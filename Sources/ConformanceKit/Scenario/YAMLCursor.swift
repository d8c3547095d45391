import MockServerCore
import Yams

/// A node of a parsed YAML file with its dotted field path, so every error names file, line,
/// column and field.
package struct YAMLCursor {
    package let node: Node
    package let path: String
    package let file: String

    /// Where the node is.
    package var location: MockError.Location {
        MockError.Location(file: file, line: node.mark?.line, column: node.mark?.column, field: path.isEmpty ? nil : path)
    }

    package func error(_ code: ScenarioError.Code, _ message: String) -> ScenarioError {
        ScenarioError(code, message, location: location)
    }

    /// Parses `text` into the cursor of its root (an empty document is an empty mapping).
    package static func root(of text: String, file: String) throws(ScenarioError) -> YAMLCursor {
        do {
            let node = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
            return YAMLCursor(node: node, path: "", file: file)
        } catch let error as YamlError {
            var location = MockError.Location(file: file)
            switch error {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                location.line = mark.line
                location.column = mark.column
            case .duplicatedKeysInMapping(let duplicates, let context):
                location.line = context.mark.line
                location.column = context.mark.column
                location.field = duplicates.first
                throw ScenarioError(.syntax, "key '\(duplicates.joined(separator: "', '"))' appears twice in one mapping", location: location)
            default: break
            }
            let firstLine = String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            throw ScenarioError(.syntax, "YAML syntax: \(firstLine)", location: location)
        } catch {
            throw ScenarioError(.syntax, "YAML syntax: \(error)", location: .init(file: file))
        }
    }

    package func child(_ key: String, _ node: Node) -> YAMLCursor {
        YAMLCursor(node: node, path: path.isEmpty ? key : path + "." + key, file: file)
    }

    /// The mapping's entries, in order, after checking every key is one of `allowed` (nil: any).
    package func entries(allowed: [String]? = nil, what: String = "mapping") throws(ScenarioError) -> [(key: String, value: YAMLCursor)] {
        guard case .mapping(let mapping) = node else {
            throw error(.wrongType, "expected a \(what), got \(kindName)")
        }
        var result: [(key: String, value: YAMLCursor)] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw YAMLCursor(node: keyNode, path: path, file: file).error(.wrongType, "keys must be plain strings")
            }
            let key = scalar.string
            let keyCursor = YAMLCursor(node: keyNode, path: path.isEmpty ? key : path + "." + key, file: file)
            if let allowed, !allowed.contains(key) {
                throw keyCursor.error(.unknownKey, "unknown key '\(key)'; expected one of: \(allowed.joined(separator: ", "))")
            }
            if result.contains(where: { $0.key == key }) {
                throw keyCursor.error(.invalidValue, "key '\(key)' appears twice")
            }
            result.append((key, child(key, valueNode)))
        }
        return result
    }

    /// The sequence's elements.
    package func elements() throws(ScenarioError) -> [YAMLCursor] {
        guard case .sequence(let sequence) = node else { throw error(.wrongType, "expected a list, got \(kindName)") }
        return sequence.enumerated().map { YAMLCursor(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    /// A string scalar (integers are accepted and read as their text when `acceptNumbers`).
    package func string(acceptNumbers: Bool = false) throws(ScenarioError) -> String {
        let value = self.value
        switch value {
        case .string(let s): return s
        case .int(let i) where acceptNumbers: return String(i)
        default: throw error(.wrongType, "expected a string, got \(value.kindName)")
        }
    }

    /// A list of strings, or one string standing for a list of one.
    package func strings() throws(ScenarioError) -> [String] {
        if case .scalar(_) = node { return [try string()] }
        var out: [String] = []
        for element in try elements() { out.append(try element.string()) }
        return out
    }

    package func int() throws(ScenarioError) -> Int {
        guard case .int(let i) = value else { throw error(.wrongType, "expected an integer, got \(value.kindName)") }
        return Int(i)
    }

    package func number() throws(ScenarioError) -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw error(.wrongType, "expected a number, got \(value.kindName)")
        }
    }

    /// The node as a plain value (scalars by their resolved YAML tag; timestamps stay text).
    package var value: ScenarioValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return .null
            case .bool: return node.bool.map(ScenarioValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float: return node.float.map(ScenarioValue.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .list(sequence.map { YAMLCursor(node: $0, path: path, file: file).value })
        case .mapping(let mapping):
            return .map(mapping.map { ScenarioValue.Entry($0.key.string ?? "", YAMLCursor(node: $0.value, path: path, file: file).value) })
        case .alias(_):
            return .null
        }
    }

    package var kindName: String {
        switch node {
        case .mapping(_): "a mapping"
        case .sequence(_): "a list"
        case .alias(_): "an alias"
        case .scalar(_): value.kindName
        }
    }

    /// The cursor at a nested field path such as `match.path` or `[2].due_at` (the deepest node
    /// that exists on the way).
    package func descend(_ field: String) -> YAMLCursor {
        var cursor = self
        for key in YAMLDocumentKeys.split(field) {
            switch (key, cursor.node) {
            case (.index(let i), .sequence(let sequence)) where i < sequence.count:
                cursor = YAMLCursor(node: sequence[i], path: "\(cursor.path)[\(i)]", file: file)
            case (.name(let name), .mapping(let mapping)):
                guard let next = mapping[name] else { return cursor }
                cursor = cursor.child(name, next)
            default:
                return cursor
            }
        }
        return cursor
    }
}

/// Splits a field path (`a.b[2].c`) into names and indices.
package enum YAMLDocumentKeys {
    package enum Key: Equatable {
        case name(String)
        case index(Int)
    }

    package static func split(_ field: String) -> [Key] {
        var keys: [Key] = []
        for part in field.split(separator: ".") {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                let name = rest[..<open]
                if !name.isEmpty { keys.append(.name(String(name))) }
                rest = rest[open...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) { keys.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                keys.append(.name(String(rest)))
            }
        }
        return keys
    }
}

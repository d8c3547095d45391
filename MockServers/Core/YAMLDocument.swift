import Foundation
import Yams

/// Decodes YAML (or JSON, which the decoder also reads) into `Decodable` values, turning every
/// failure into a ``MockError`` that names the file, the line and the field.
public enum YAMLDocument {
    /// Decodes `text` as `T`; `file` labels errors.
    public static func decode<T: Decodable>(
        _ type: T.Type, from text: String, file: String, code: MockError.Code,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws(MockError) -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: text, userInfo: userInfo)
        } catch let error as YamlError {
            throw MockError(code, "YAML syntax: \(firstLine(String(describing: error)))", location: yamlLocation(error, file: file))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, let yaml = context.underlyingError as? YamlError {
                throw MockError(code, "YAML syntax: \(firstLine(String(describing: yaml)))", location: yamlLocation(yaml, file: file))
            }
            throw describe(error, text: text, file: file, code: code)
        } catch let error as MockError {
            var located = error
            located.location = located.location ?? MockError.Location(file: file)
            throw located
        } catch {
            throw MockError(code, "\(error)", location: .init(file: file))
        }
    }

    /// Reads and decodes a file.
    public static func decode<T: Decodable>(_ type: T.Type, contentsOf path: String, code: MockError.Code) throws(MockError) -> T {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MockError(.unreadableFile, "cannot read file: \(error.localizedDescription)", location: .init(file: path))
        }
        return try decode(type, from: text, file: path, code: code)
    }

    static func describe(_ error: DecodingError, text: String, file: String, code: MockError.Code) -> MockError {
        let path: [any CodingKey]
        let message: String
        switch error {
        case .typeMismatch(let type, let context):
            path = context.codingPath
            message = "expected \(typeName(type)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            path = context.codingPath
            message = "missing value (expected \(typeName(type)))"
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
            message = "required field '\(key.stringValue)' is missing"
        case .dataCorrupted(let context):
            path = context.codingPath
            message = context.debugDescription
        @unknown default:
            path = []
            message = "\(error)"
        }
        let field = fieldPath(path)
        var location = MockError.Location(file: file, field: field.isEmpty ? nil : field)
        if let node = try? Yams.compose(yaml: text) {
            // For a missing key, point at the mapping that lacks it.
            let lookup: [any CodingKey]
            if case .keyNotFound = error { lookup = Array(path.dropLast()) } else { lookup = path }
            if let mark = locate(lookup, in: node)?.mark {
                location.line = mark.line
                location.column = mark.column
            }
        }
        return MockError(code, message, location: location)
    }

    /// Renders a coding path as `a.b[2].c`.
    public static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// Finds the node at `path`, or the deepest node on the way there.
    static func locate(_ path: [any CodingKey], in node: Node) -> Node? {
        var current = node
        for key in path {
            if let index = key.intValue, case .sequence(let sequence) = current, index < sequence.count {
                current = sequence[index]
            } else if case .mapping(let mapping) = current,
                let next = mapping.first(where: { $0.key.string == key.stringValue })?.value
            {
                current = next
            } else {
                return current
            }
        }
        return current
    }

    static func yamlLocation(_ error: YamlError, file: String) -> MockError.Location {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return .init(file: file, line: mark.line, column: mark.column)
        default:
            return .init(file: file)
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        return name.hasPrefix("Optional<") ? String(name.dropFirst(9).dropLast()) : name
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}

extension YAMLDocument {
    /// A coding key built from a field path component.
    struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            self.intValue = intValue
            stringValue = "\(intValue)"
        }
    }

    /// Parses `a.b[2].c` into coding keys.
    static func keys(of field: String) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        for part in field.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"),
                let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
            {
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { keys.append(PathKey(stringValue: String(name))) }
            keys.append(contentsOf: indices.map { PathKey(intValue: $0) as any CodingKey })
        }
        return keys
    }

    /// The location (line and column) of the field `field` (e.g. `courses[1].id`) in YAML `text`.
    public static func locate(field: String, in text: String, file: String) -> MockError.Location {
        var location = MockError.Location(file: file, field: field)
        if let node = try? Yams.compose(yaml: text), let mark = locate(keys(of: field), in: node)?.mark {
            location.line = mark.line
            location.column = mark.column
        }
        return location
    }
}

import Foundation
/// The arguments each concept call takes, by the spec's names, and their types: used to validate
/// `with:` when a file is loaded and to build a ``ConceptCall`` when the step runs.
public struct CallSignature: Sendable, Hashable {
    /// The spec's name.
    public var name: String
    /// The arguments, in the spec's order.
    public var arguments: [Argument]

    /// One named argument.
    public struct Argument: Sendable, Hashable {
        public var name: String
        public var type: ValueSchema
        public var required: Bool

        init(_ name: String, _ type: ValueSchema, required: Bool = true) {
            self.name = name
            self.type = type
            self.required = required
        }
    }

    /// The shape of a value.
    public indirect enum ValueSchema: Sendable, Hashable, CustomStringConvertible {
        /// A string (an integer scalar is accepted and read as its decimal text).
        case string
        /// An RFC 3339 instant.
        case timestamp
        /// The schema, or `null`.
        case nullable(ValueSchema)
        /// A mapping with exactly these fields.
        case object([Argument])
        /// A list of values of the schema.
        case list(ValueSchema)

        public var description: String {
            switch self {
            case .string: "a string"
            case .timestamp: "an RFC 3339 timestamp"
            case .nullable(let inner): "\(inner) or null"
            case .object(let fields): "a mapping with " + fields.map(\.name).joined(separator: ", ")
            case .list(let inner): "a list of \(inner)"
            }
        }
    }

    static let details = ValueSchema.object([.init("apiToken", .string), .init("baseUrl", .string)])
    static let assignmentDetails = ValueSchema.object([
        .init("name", .string), .init("description", .nullable(.string), required: false),
        .init("dueDate", .nullable(.timestamp), required: false),
    ])
    static let rawAssignment = ValueSchema.object([
        .init("externalId", .string), .init("details", assignmentDetails), .init("externalModificationTimestamp", .timestamp),
    ])

    /// The eight calls, actions first, as ``ConceptVocabulary`` states them.
    public static let all: [CallSignature] = ConceptVocabulary.operations.map { operation in
        CallSignature(name: operation.name, arguments: operation.arguments.map { Argument($0.name, $0.schema) })
    }

    /// The signature for a spec name, if there is one.
    public static func named(_ name: String) -> CallSignature? { all.first { $0.name == name } }

    /// Whether it is a query.
    public var isQuery: Bool { ConceptVocabulary.named(name)?.isQuery ?? false }

    /// The arguments as one object schema.
    var schema: ValueSchema { .object(arguments) }
}

/// A value that does not fit its schema: where (a dotted path below `with`) and why.
package struct SchemaProblem: Error, Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case unknownField, missingField, wrongType, unboundName
    }

    package var kind: Kind
    package var path: String
    package var message: String
}

extension CallSignature.ValueSchema {
    /// Checks `value`. With `deferReferences`, a string that is exactly `$name` stands for a value
    /// bound later and is accepted when `isBound(name)`; otherwise it is an unbound-name problem.
    package func check(_ value: ScenarioValue, at path: String, deferReferences: Bool, isBound: (String) -> Bool) -> SchemaProblem? {
        if deferReferences, case .string(let text) = value, let name = ScenarioReference.name(in: text) {
            return isBound(name) ? nil : SchemaProblem(kind: .unboundName, path: path, message: "unknown binding '$\(name)' (no earlier step binds it)")
        }
        if deferReferences, case .string(let text) = value, let name = ScenarioReference.unboundInterpolation(in: text, isBound: isBound) {
            return SchemaProblem(kind: .unboundName, path: path, message: "unknown binding '${\(name)}' (no earlier step binds it)")
        }
        let wrong = SchemaProblem(kind: .wrongType, path: path, message: "expected \(self), got \(value.kindName)")
        switch self {
        case .string:
            switch value {
            case .string, .int: return nil
            default: return wrong
            }
        case .timestamp:
            if case .string(let text) = value, value.instant == nil {
                return SchemaProblem(kind: .wrongType, path: path, message: "not an RFC 3339 timestamp: \"\(text)\"")
            }
            return value.instant == nil ? wrong : nil
        case .nullable(let inner):
            return value == .null ? nil : inner.check(value, at: path, deferReferences: deferReferences, isBound: isBound)
        case .list(let inner):
            guard case .list(let items) = value else { return wrong }
            for (index, item) in items.enumerated() {
                if let problem = inner.check(item, at: "\(path)[\(index)]", deferReferences: deferReferences, isBound: isBound) { return problem }
            }
            return nil
        case .object(let fields):
            guard case .map(let entries) = value else { return wrong }
            for entry in entries where !fields.contains(where: { $0.name == entry.key }) {
                return SchemaProblem(
                    kind: .unknownField, path: Matcher.join(path, entry.key),
                    message: "unknown field '\(entry.key)'; expected \(fields.map(\.name).joined(separator: ", "))")
            }
            for field in fields {
                guard let fieldValue = value[field.name] else {
                    if field.required {
                        return SchemaProblem(kind: .missingField, path: Matcher.join(path, field.name), message: "required field '\(field.name)' is missing")
                    }
                    continue
                }
                if let problem = field.type.check(fieldValue, at: Matcher.join(path, field.name), deferReferences: deferReferences, isBound: isBound) {
                    return problem
                }
            }
            return nil
        }
    }
}

/// How `$name` and `${name}` appear in scenario strings.
package enum ScenarioReference {
    /// The name when `text` is exactly `$name`.
    package static func name(in text: String) -> String? {
        guard text.hasPrefix("$"), text.count > 1 else { return nil }
        let name = text.dropFirst()
        guard let first = name.first, first.isLetter || first == "_",
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return String(name)
    }

    /// The first `${name}` in `text` that is not bound.
    package static func unboundInterpolation(in text: String, isBound: (String) -> Bool) -> String? {
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return nil }
            let name = String(rest[open.upperBound..<close])
            if !isBound(name) { return name }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }
}

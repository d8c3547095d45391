import Yams

extension ScenarioParser {
    /// The shape of a call's result, so `expect:` field names are checked when the file loads.
    package indirect enum ResultShape: Sendable {
        case scalar
        case object([(String, ResultShape)])
        case list(ResultShape)
        /// Any shape (inside captured or unknown values).
        case free

        static let details = ResultShape.object([("name", .scalar), ("description", .scalar), ("dueDate", .scalar)])
        static let raw = ResultShape.object([("externalId", .scalar), ("details", details), ("externalModificationTimestamp", .scalar)])

        static func of(call name: String) -> ResultShape {
            switch name {
            case "connectSource": .object([("sourceAccount", .scalar)])
            case "pollExternalSource": .object([("rawExternalAssignments", .list(raw))])
            case "identifyChanges":
                .object([("assignmentsToProcess", .list(.object([
                    ("externalId", .scalar), ("details", details), ("externalModificationTimestamp", .scalar), ("existingInternalId", .scalar),
                ])))])
            case "_getSourcesForUser":
                .object([("sources", .list(.object([
                    ("id", .scalar), ("owner", .scalar), ("sourceType", .scalar), ("sourceName", .scalar), ("baseUrl", .scalar),
                    ("lastSuccessfulPoll", .scalar),
                ])))])
            case "_getMappedInternalId": .object([("internalId", .scalar)])
            case "_getAssignmentsForSource":
                .object([("assignments", .list(.object([
                    ("externalId", .scalar), ("internalAssignment", .scalar), ("lastExternalModificationTimestamp", .scalar), ("source", .scalar),
                ])))])
            default: .object([])
            }
        }

        var element: ResultShape {
            if case .list(let inner) = self { return inner }
            return .free
        }
    }

    package func parseExpect(_ cursor: YAMLCursor, call: CallSignature, bound: inout Set<String>) throws(ScenarioError) -> Matcher {
        try parseMatcher(cursor, shape: .of(call: call.name), topLevel: true, isQuery: call.isQuery, positive: true, bound: &bound)
    }

    package func parseMatcher(
        _ cursor: YAMLCursor, shape: ResultShape, topLevel: Bool, isQuery: Bool, positive: Bool, bound: inout Set<String>
    ) throws(ScenarioError) -> Matcher {
        switch cursor.node {
        case .scalar(_):
            let value = cursor.value
            if case .string(let text) = value {
                if let name = ScenarioReference.name(in: text) {
                    if !positive, !bound.contains(name) {
                        throw cursor.error(.unknownBinding, "unknown binding '$\(name)': it is compared here, so an earlier step must bind it")
                    }
                    if positive { bound.insert(name) }
                    return .binding(name)
                }
                let known = bound
                if let name = ScenarioReference.unboundInterpolation(in: text, isBound: { known.contains($0) }) {
                    throw cursor.error(.unknownBinding, "unknown binding '${\(name)}' (no earlier step binds it)")
                }
            }
            return .value(value)
        case .sequence(_):
            var elements: [Matcher] = []
            for element in try cursor.elements() {
                elements.append(try parseMatcher(element, shape: shape.element, topLevel: false, isQuery: isQuery, positive: positive, bound: &bound))
            }
            return .set(elements)
        case .alias(_):
            throw cursor.error(.syntax, "YAML aliases are not supported in scenarios")
        case .mapping(_):
            let entries = try cursor.entries()
            let keywords = entries.filter { Matcher.keywords.contains($0.key) }
            if keywords.isEmpty { return try parseObject(entries, cursor, shape: shape, isQuery: isQuery, positive: positive, bound: &bound) }
            if let field = entries.first(where: { !Matcher.keywords.contains($0.key) }) {
                throw field.value.error(.unknownKey, "'\(field.key)' is not a matcher key (\(Matcher.keywords.sorted().joined(separator: ", "))) and this mapping uses matcher keys")
            }
            var parts: [Matcher] = []
            for (key, value) in entries {
                parts.append(try parseKeyword(key, value, shape: shape, topLevel: topLevel, isQuery: isQuery, positive: positive, bound: &bound))
            }
            return parts.count == 1 ? parts[0] : .all(parts)
        }
    }

    private func parseObject(
        _ entries: [(key: String, value: YAMLCursor)], _ cursor: YAMLCursor, shape: ResultShape, isQuery: Bool, positive: Bool,
        bound: inout Set<String>
    ) throws(ScenarioError) -> Matcher {
        var fields: [Matcher.Field] = []
        for (key, value) in entries {
            var fieldShape = ResultShape.free
            if case .object(let known) = shape {
                guard let match = known.first(where: { $0.0 == key }) else {
                    let names = known.map(\.0)
                    throw value.error(.unknownKey, "unknown result field '\(key)'; " + (names.isEmpty ? "this call returns no fields (expect {} or nothing)" : "expected one of: \(names.joined(separator: ", "))"))
                }
                fieldShape = match.1
            } else if case .scalar = shape {
                throw cursor.error(.wrongType, "this value is a scalar; a mapping cannot match it")
            }
            fields.append(.init(key, try parseMatcher(value, shape: fieldShape, topLevel: false, isQuery: isQuery, positive: positive, bound: &bound)))
        }
        return .object(fields)
    }

    private func parseKeyword(
        _ key: String, _ value: YAMLCursor, shape: ResultShape, topLevel: Bool, isQuery: Bool, positive: Bool, bound: inout Set<String>
    ) throws(ScenarioError) -> Matcher {
        func inner(_ cursor: YAMLCursor, shape: ResultShape, positive: Bool, topLevel: Bool = false) throws(ScenarioError) -> Matcher {
            try parseMatcher(cursor, shape: shape, topLevel: topLevel, isQuery: isQuery, positive: positive, bound: &bound)
        }
        func list(shape: ResultShape, topLevel: Bool = false) throws(ScenarioError) -> [Matcher] {
            var out: [Matcher] = []
            for element in try value.elements() { out.append(try inner(element, shape: shape, positive: positive, topLevel: topLevel)) }
            return out
        }
        switch key {
        case "any":
            let text = try value.string()
            guard let kind = Matcher.AnyKind(rawValue: text) else {
                throw value.error(.invalidValue, "unknown kind '\(text)'; expected one of: \(Matcher.AnyKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .any(kind)
        case "bind":
            var name = try value.string()
            if name.hasPrefix("$") { name.removeFirst() }
            guard ScenarioReference.name(in: "$" + name) == name, !ScenarioBuiltin.all.contains(name) else {
                throw value.error(.invalidValue, "a binding name is letters, digits and '_', not a built-in, got '\(name)'")
            }
            if positive { bound.insert(name) }
            return .binding(name)
        case "set": return .set(try list(shape: shape.element))
        case "list": return .list(try list(shape: shape.element))
        case "contains": return .contains(try list(shape: shape.element))
        case "count":
            let n = try value.int()
            guard n >= 0 else { throw value.error(.invalidValue, "a count is >= 0") }
            return .count(n)
        case "distinct": return .distinct(try value.string())
        case "one_of": return .oneOf(try list(shape: shape, topLevel: topLevel))
        case "all": return .all(try list(shape: shape, topLevel: topLevel))
        case "not": return .not(try inner(value, shape: shape, positive: false))
        case "after", "not_before", "before":
            let reference = try inner(value, shape: .scalar, positive: false)
            switch key {
            case "after": return .after(reference)
            case "before": return .before(reference)
            default: return .notBefore(reference)
            }
        default:
            guard topLevel else {
                throw value.error(.invalidValue, "`error` goes at the top of `expect` (or in a top-level one_of)")
            }
            let text = try value.string()
            if text == "any" { return .error(.any) }
            if !isQuery, text.contains(" ") {
                throw value.error(.invalidValue, "an action error is named by the spec's name (e.g. DuplicateSourceError); exact messages are for query errors")
            }
            let known = bound
            if let name = ScenarioReference.unboundInterpolation(in: text, isBound: { known.contains($0) }) {
                throw value.error(.unknownBinding, "unknown binding '${\(name)}'")
            }
            return .error(.named(text))
        }
    }
}

import KitPrimitives

extension Matcher {
    /// Matches a call's result; on success the context holds any new bindings.
    package static func matchResult(
        _ expected: Matcher?, _ actual: ActualResult, isQuery: Bool, context: inout MatchContext
    ) -> Mismatch? {
        switch (expected, actual) {
        case (nil, .success):
            return nil
        case (nil, .failure(let error)):
            return Mismatch(path: "", expected: "success", actual: "error \(error)")
        case (.error(let errorMatcher)?, .failure(let error)):
            return errorMatcher.match(error, isQuery: isQuery, context: &context)
        case (.error(let errorMatcher)?, .success(let value)):
            return Mismatch(path: "", expected: Matcher.error(errorMatcher).description, actual: ActualResult.truncated(value.description))
        case (.oneOf(let alternatives)?, _):
            var tried: [String] = []
            for alternative in alternatives {
                var trial = context
                guard let mismatch = matchResult(alternative, actual, isQuery: isQuery, context: &trial) else {
                    context = trial
                    return nil
                }
                tried.append("- \(alternative): \(mismatch.path.isEmpty ? "" : mismatch.path + ": ")got \(mismatch.actual)")
            }
            return Mismatch(path: "", expected: expected!.description, actual: actual.summary, detail: "no alternative matched:\n" + tried.joined(separator: "\n"))
        case (let matcher?, .failure(let error)):
            return Mismatch(path: "", expected: matcher.description, actual: "error \(error)")
        case (let matcher?, .success(let value)):
            return matcher.match(value, at: "", context: &context)
        }
    }

    /// Matches `actual` (nil: the field is absent) at `path`.
    package func match(_ actual: ScenarioValue?, at path: String, context: inout MatchContext) -> Mismatch? {
        context.budget -= 1
        func fail(_ detail: String? = nil) -> Mismatch {
            Mismatch(path: path, expected: description, actual: actual.map { ActualResult.truncated($0.description) } ?? "(absent)", detail: detail)
        }
        switch self {
        case .value(let expected):
            guard let actual else { return fail() }
            var wanted = expected
            if case .string(let text) = expected {
                guard let resolved = context.interpolate(text) else { return fail("an interpolated name is unbound") }
                wanted = .string(resolved)
            }
            return wanted.isSame(as: actual) ? nil : fail()
        case .binding(let name):
            guard let actual else { return fail() }
            if name == ScenarioBuiltin.now, context.policy.clock == .own {
                return actual.instant == nil ? fail("expected an instant") : nil
            }
            if let bound = context.lookup(name) {
                return bound.isSame(as: actual) ? nil : Mismatch(path: path, expected: "$\(name) = \(bound)", actual: actual.description)
            }
            context.bind(name, actual)
            return nil
        case .any(let kind):
            guard let actual else { return fail() }
            return kind.accepts(actual) ? nil : fail()
        case .object(let fields):
            guard let actual else { return fail() }
            guard case .map = actual else { return fail("expected a mapping") }
            for field in fields {
                let value = actual[field.key]
                if value == nil, context.policy.optionalFields.contains(field.key) {
                    context.notes.append("\(Self.join(path, field.key)) not sent; not checked")
                    continue
                }
                if let mismatch = field.matcher.match(value, at: Self.join(path, field.key), context: &context) { return mismatch }
            }
            return nil
        case .set(let elements), .contains(let elements), .list(let elements):
            guard case .list(let items)? = actual else { return fail("expected a list") }
            return matchList(elements, items, at: path, context: &context)
        case .count(let n):
            guard case .list(let items)? = actual else { return fail("expected a list") }
            return items.count == n
                ? nil : Mismatch(path: path, expected: Self.elements(n), actual: Self.elements(items.count), detail: Self.listing("answered", items.map(Self.label)))
        case .distinct(let key):
            guard case .list(let items)? = actual else { return fail("expected a list") }
            for (index, item) in items.enumerated() {
                guard let value = item[key] else { return Mismatch(path: "\(path)[\(index)]", expected: "a field '\(key)'", actual: item.description) }
                if let earlier = items[..<index].firstIndex(where: { $0[key].map { $0.isSame(as: value) } ?? false }) {
                    return Mismatch(path: "\(path)[\(index)]", expected: "\(key) different from every other element", actual: "\(key) \(value) again (also at [\(earlier)])")
                }
            }
            return nil
        case .oneOf(let alternatives):
            for alternative in alternatives {
                var trial = context
                if alternative.match(actual, at: path, context: &trial) == nil {
                    context = trial
                    return nil
                }
            }
            return fail()
        case .all(let parts):
            for part in parts {
                if let mismatch = part.match(actual, at: path, context: &context) { return mismatch }
            }
            return nil
        case .not(let inner):
            var trial = context
            return inner.match(actual, at: path, context: &trial) == nil ? fail() : nil
        case .after(let reference), .notBefore(let reference), .before(let reference):
            return matchOrder(reference, actual, at: path, context: &context)
        case .error:
            return fail("an error is expected only for a whole result")
        }
    }

    private func matchOrder(_ reference: Matcher, _ actual: ScenarioValue?, at path: String, context: inout MatchContext) -> Mismatch? {
        let failure = Mismatch(path: path, expected: description, actual: actual?.description ?? "(absent)")
        guard let instant = actual?.instant else { return failure }
        if case .binding(ScenarioBuiltin.now) = reference, context.policy.clock == .own { return nil }
        let resolved: ScenarioValue?
        switch reference {
        case .binding(let name): resolved = context.lookup(name)
        case .value(.string(let text)): resolved = context.interpolate(text).map(ScenarioValue.string)
        case .value(let value): resolved = value
        default: resolved = nil
        }
        guard let bound = resolved?.instant else {
            return Mismatch(path: path, expected: description, actual: instant.rfc3339(), detail: "the reference is not an instant")
        }
        let holds: Bool
        switch self {
        case .after:
            // On the implementation's own clock two instants a moment apart may be equal (a coarse
            // clock), unless a `wait:` of a second or more came between.
            var strict = context.policy.clock != .own
            if case .binding(let name) = reference, context.ticked.contains(name) { strict = true }
            holds = strict ? instant > bound : instant >= bound
        case .notBefore: holds = instant >= bound
        default: holds = instant < bound
        }
        return holds ? nil : Mismatch(path: path, expected: "\(description) (\(bound.rfc3339()))", actual: instant.rfc3339())
    }

    package static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }
}

extension Matcher.AnyKind {
    package func accepts(_ value: ScenarioValue) -> Bool {
        switch (self, value) {
        case (.value, _): true
        case (.id, .string(let s)): !s.isEmpty
        case (.string, .string): true
        case (.timestamp, _): value.instant != nil
        case (.number, .int), (.number, .double): true
        case (.bool, .bool): true
        case (.list, .list): true
        case (.mapping, .map): true
        default: false
        }
    }
}

extension Matcher.ErrorMatcher {
    package func match(_ error: ConceptError, isQuery: Bool, context: inout MatchContext) -> Mismatch? {
        let expected = Matcher.error(self).description
        guard case .named(let text) = self else { return nil }
        guard let wanted = context.interpolate(text) else {
            return Mismatch(path: "error", expected: expected, actual: error.description, detail: "an interpolated name is unbound")
        }
        if isQuery {
            if error.message != wanted, !context.policy.comparesQueryMessages {
                context.notes.append("query error judged by presence, not wording (compat)")
                return nil
            }
            return error.message == wanted ? nil : Mismatch(path: "error", expected: ScenarioValue.string(wanted).description, actual: ScenarioValue.string(error.message).description)
        }
        if error.name == wanted { return nil }
        if error.name == nil, context.policy.acceptsUnnamedErrors {
            context.notes.append("error without a spec name accepted for \(wanted) (compat)")
            return nil
        }
        return Mismatch(path: "error", expected: wanted, actual: error.name.map { "\($0) (\(error.message))" } ?? "an error without a spec name: \(error.message)")
    }
}

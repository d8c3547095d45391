extension Matcher {
    /// `1 element`, `3 elements` (root causes read both as `N elements`, so counts never split a cause).
    package static func elements(_ count: Int) -> String { count == 1 ? "1 element" : "\(count) elements" }

    /// Matches a `list`, `set` or `contains` matcher against the actual elements.
    package func matchList(_ elements: [Matcher], _ items: [ScenarioValue], at path: String, context: inout MatchContext) -> Mismatch? {
        if case .list = self {
            for (index, pair) in zip(elements, items).enumerated() {
                if let mismatch = pair.0.match(pair.1, at: "\(path)[\(index)]", context: &context) { return mismatch }
            }
            guard elements.count == items.count else {
                let extra = items.count > elements.count
                return Mismatch(
                    path: path, expected: "\(Self.elements(elements.count)) in order", actual: Self.elements(items.count),
                    detail: extra
                        ? Self.listing("unexpected, after the expected ones", items[elements.count...].map(Self.label))
                        : Self.listing("missing, after the answered ones", elements[items.count...].map(\.description)))
            }
            return nil
        }
        let exact: Bool
        if case .set = self { exact = true } else { exact = false }
        if !exact || elements.count == items.count, let solved = Self.assign(elements, items, context) {
            context = solved
            return nil
        }
        return report(elements, items, exact: exact, at: path, context: context)
    }

    /// Finds a one-to-one assignment of expected elements to actual ones (backtracking within the
    /// context's budget), returning the context with the bindings it made.
    package static func assign(_ elements: [Matcher], _ items: [ScenarioValue], _ context: MatchContext) -> MatchContext? {
        var used = [Bool](repeating: false, count: items.count)
        func search(_ index: Int, _ context: MatchContext) -> MatchContext? {
            guard index < elements.count else { return context }
            guard context.budget > 0 else { return nil }
            for position in items.indices where !used[position] {
                var trial = context
                if elements[index].match(items[position], at: "", context: &trial) == nil {
                    used[position] = true
                    if let done = search(index + 1, trial) { return done }
                    used[position] = false
                }
            }
            return nil
        }
        return search(0, context)
    }

    /// A readable account of why a set did not match: the first missing element against its closest
    /// actual element (same `externalId` or `id`), and the lists of missing and unexpected elements.
    private func report(_ elements: [Matcher], _ items: [ScenarioValue], exact: Bool, at path: String, context: MatchContext) -> Mismatch {
        var unmatchedItems = Array(items.indices)
        var missing: [Matcher] = []
        for element in elements {
            var trial = context
            if let position = unmatchedItems.first(where: { element.match(items[$0], at: "", context: &trial) == nil }) {
                unmatchedItems.removeAll { $0 == position }
            } else {
                missing.append(element)
            }
        }
        let unexpected = exact ? unmatchedItems.map { items[$0] } : []
        var detail: [String] = []
        if !missing.isEmpty { detail.append(Self.listing("missing", missing.map(\.description))) }
        if !unexpected.isEmpty { detail.append(Self.listing("unexpected", unexpected.map(Self.label))) }
        // The counterpart: the element with the same id, else the only one left when one is missing.
        let alone: (String, Int)? = missing.count == 1 && unmatchedItems.count == 1 ? (Self.label(items[unmatchedItems[0]]), unmatchedItems[0]) : nil
        if let first = missing.first, let (label, position) = Self.counterpart(of: first, among: unmatchedItems, in: items, context: context) ?? alone {
            var trial = context
            if var nested = first.match(items[position], at: "\(path)[\(label)]", context: &trial) {
                nested.detail = ([nested.detail].compactMap { $0 } + detail).joined(separator: "\n")
                return nested
            }
        }
        return Mismatch(
            path: path, expected: exact ? "a set of \(Self.elements(elements.count))" : "a list containing these \(Self.elements(elements.count))",
            actual: Self.elements(items.count),
            detail: detail.isEmpty ? "no one-to-one matching exists (bindings conflict)" : detail.joined(separator: "\n"))
    }

    /// The actual element with the same `externalId` (or `id`, `sourceAccount`; a literal or a bound
    /// name) as an expected object, if any.
    private static func counterpart(of element: Matcher, among positions: [Int], in items: [ScenarioValue], context: MatchContext) -> (String, Int)? {
        guard case .object(let fields) = element else { return nil }
        for key in ["externalId", "id", "sourceAccount"] {
            guard let field = fields.first(where: { $0.key == key }) else { continue }
            let wanted: ScenarioValue?
            switch field.matcher {
            case .value(let value): wanted = value
            case .binding(let name): wanted = context.lookup(name)
            default: wanted = nil
            }
            guard let wanted else { continue }
            if let position = positions.first(where: { items[$0][key].map { $0.isSame(as: wanted) } ?? false }) {
                return ("\(key)=\(wanted.text ?? wanted.description)", position)
            }
        }
        return nil
    }

    /// A titled list of at most five entries of at most 160 characters each, then how many more.
    package static func listing(_ title: String, _ entries: [String]) -> String {
        let shown = entries.prefix(5).map { "  - " + ActualResult.truncated($0, limit: 160) }
        let more = entries.count > 5 ? ["  … and \(entries.count - 5) more"] : []
        return ([title + " (\(entries.count)):"] + shown + more).joined(separator: "\n")
    }

    /// An element named by its identifying field (`externalId=50002`, `id=…`, `sourceAccount=…`),
    /// else its rendering cut to 80 characters.
    package static func label(_ item: ScenarioValue) -> String {
        for key in ["externalId", "id", "sourceAccount", "name"] {
            if let value = item[key] { return "\(key)=\(value.text ?? value.description)" }
        }
        return ActualResult.truncated(item.description, limit: 80)
    }
}

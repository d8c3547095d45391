import ConceptValues
import KitPrimitives
import ConformanceKit

/// The scenario matcher for a model ``Expectation``: the allowed success and errors, alternatives
/// as `one_of`, strings passed through `literal` (bindings, `$canvas`).
package struct ExpectationMatcher {
    package let literal: (String) -> String
    /// Whether `lastSuccessfulPoll` instants are pinned (else any instant matches).
    package let exactTimes: Bool

    package func matcher(for expectation: Expectation, capture: String?) -> Matcher {
        var options: [Matcher] = []
        if let success = expectation.success { options.append(matcher(for: success, capture: capture)) }
        switch expectation.errors {
        case .none: break
        case .action(let names, _): options += names.map { .error(.named($0)) }
        case .anyAction: options.append(.error(.any))
        case .query(let message): options.append(.error(.named(literal(message))))
        }
        return options.count == 1 ? options[0] : .oneOf(options)
    }

    package func matcher(for success: ExpectedSuccess, capture: String?) -> Matcher {
        switch success {
        case .newSource:
            return .object([.init("sourceAccount", capture.map(Matcher.binding) ?? .any(.id))])
        case .empty:
            return .object([])
        case .rawAssignments(let list):
            let required = list.required.keys.sorted().map { versions(list.required[$0]!.map(ConceptResult.value)) }
            let items: Matcher = list.optional.isEmpty ? .set(required) : .all([.contains(required), .distinct("externalId")])
            return .object([.init("rawExternalAssignments", items)])
        case .assignmentsToProcess(let items, let optional):
            let required = items.keys.sorted().map { versions(items[$0]!.map(ConceptResult.value)) }
            let list: Matcher = optional.isEmpty ? .set(required) : .all([.contains(required), .distinct("externalId")])
            return .object([.init("assignmentsToProcess", list)])
        case .sources(let views):
            return .object([.init("sources", .set(views.map(source)))])
        case .internalId(let id):
            return .object([.init("internalId", value(.string(id)))])
        case .mappings(let mappings):
            return .object([.init("assignments", .set(mappings.keys.sorted().map { externalId in
                let mapping = mappings[externalId]!
                return value(.object([
                    "externalId": .string(externalId), "internalAssignment": .string(mapping.internalId),
                    "lastExternalModificationTimestamp": .timestamp(mapping.timestamp),
                ]))
            }))])
        }
    }

    package func source(_ view: ExpectedSourceView) -> Matcher {
        let poll: Matcher
        switch view.lastPoll {
        case .never: poll = .value(.null)
        case .exactly(let instant) where exactTimes: poll = .value(.timestamp(instant))
        case .exactly, .sinceSuccess: poll = .any(.timestamp)
        }
        return .object([
            .init("id", view.id.hasPrefix(ConcurrentPhaseRecord.pendingIDPrefix) ? .any(.id) : value(.string(view.id))), .init("owner", value(.string(view.owner))),
            .init("sourceType", value(.string(view.sourceType))), .init("sourceName", value(.string(view.sourceName))),
            .init("baseUrl", value(.string(view.baseUrl))), .init("lastSuccessfulPoll", poll),
        ])
    }

    package func versions(_ values: [ScenarioValue]) -> Matcher {
        values.count == 1 ? value(values[0]) : .oneOf(values.map(value))
    }

    package func value(_ value: ScenarioValue) -> Matcher {
        .value(value.mapStrings(literal))
    }
}

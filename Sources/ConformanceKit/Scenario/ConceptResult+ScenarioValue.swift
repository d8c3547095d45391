import ConceptValues
import KitPrimitives

extension ConceptResult {
    /// The answer in the spec's shape, for matching: `{sourceAccount: id}`, `{}`,
    /// `{rawExternalAssignments: [...]}`, `{sources: [...]}`, ... or the error.
    ///
    /// Fields an implementation did not send (a source given as an id alone) are absent, not null.
    public var actual: ActualResult {
        switch self {
        case .sourceAccount(let id): .success(.object(["sourceAccount": .string(id)]))
        case .empty: .success(.map([]))
        case .rawExternalAssignments(let list): .success(.object(["rawExternalAssignments": .list(list.map(Self.value))]))
        case .assignmentsToProcess(let list): .success(.object(["assignmentsToProcess": .list(list.map(Self.value))]))
        case .sources(let list): .success(.object(["sources": .list(list.map(Self.value))]))
        case .internalId(let id): .success(.object(["internalId": .string(id)]))
        case .assignments(let list): .success(.object(["assignments": .list(list.map(Self.value))]))
        case .error(let error): .failure(error)
        }
    }

    package static func value(_ details: ExternalAssignmentDetails) -> ScenarioValue {
        .object([
            "name": .string(details.name),
            "description": details.description.map(ScenarioValue.string) ?? .null,
            "dueDate": details.dueDate.map(ScenarioValue.timestamp) ?? .null,
        ])
    }

    package static func value(_ raw: RawExternalAssignment) -> ScenarioValue {
        .object([
            "externalId": .string(raw.externalId), "details": value(raw.details),
            "externalModificationTimestamp": .timestamp(raw.externalModificationTimestamp),
        ])
    }

    package static func value(_ item: AssignmentToProcess) -> ScenarioValue {
        .object([
            "externalId": .string(item.externalId), "details": value(item.details),
            "externalModificationTimestamp": .timestamp(item.externalModificationTimestamp),
            "existingInternalId": item.existingInternalId.map { .string($0.rawValue) } ?? .null,
        ])
    }

    package static func value(_ source: SourceView) -> ScenarioValue {
        var entries = [ScenarioValue.Entry("id", .string(source.id))]
        if let owner = source.owner { entries.append(.init("owner", .string(owner))) }
        if let type = source.sourceType { entries.append(.init("sourceType", .string(type))) }
        if let name = source.sourceName { entries.append(.init("sourceName", .string(name))) }
        if let baseUrl = source.baseUrl { entries.append(.init("baseUrl", .string(baseUrl))) }
        switch source.lastSuccessfulPoll {
        case .absent: break
        case .never: entries.append(.init("lastSuccessfulPoll", .null))
        case .at(let instant): entries.append(.init("lastSuccessfulPoll", .timestamp(instant)))
        }
        return .map(entries)
    }

    package static func value(_ mapping: MappingView) -> ScenarioValue {
        var entries = [ScenarioValue.Entry("externalId", .string(mapping.externalId)), .init("internalAssignment", .string(mapping.internalAssignment))]
        if let stamp = mapping.lastExternalModificationTimestamp { entries.append(.init("lastExternalModificationTimestamp", .timestamp(stamp))) }
        if let source = mapping.source { entries.append(.init("source", .string(source))) }
        return .map(entries)
    }

    /// The result with the isolation prefix removed from owners, source names and messages.
    package func removingPrefix(_ prefix: String) -> ConceptResult {
        guard !prefix.isEmpty else { return self }
        func strip(_ text: String?) -> String? {
            guard let text, text.hasPrefix(prefix) else { return text }
            return String(text.dropFirst(prefix.count))
        }
        switch self {
        case .sources(let list):
            return .sources(list.map { source in
                var copy = source
                copy.owner = strip(source.owner)
                copy.sourceName = strip(source.sourceName)
                return copy
            })
        case .error(var error):
            error.message = error.message.replacing(prefix, with: "")
            return .error(error)
        default:
            return self
        }
    }
}

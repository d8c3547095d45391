import ConceptValues
import KitPrimitives
import MockServerCore
import ConformanceKit

/// Reads an implementation's HTTP 200 answer (already parsed as JSON) into a ``ConceptResult``, in a
/// ``WireProfile``; anything that does not follow the profile is a ``WireViolation`` naming the field.
///
/// Actions answer a JSON object: the named results (`{"sourceAccount": "s1"}`,
/// `{"rawExternalAssignments": […]}`, `{"assignmentsToProcess": […]}`, `{}`; extra keys are ignored) or
/// `{"error": "Name: message"}`. Queries answer a JSON array of dictionaries with the output name
/// (`[{"sources": […]}]`, `[{"internalId": "a1"}]`, `[{"assignments": […]}]`; `[]` is an empty result)
/// or, on error, `{"error": "<the spec's message>"}`. See ``WireProfile`` for what compat-6104 adds.
package struct WireDecoder {
    /// Which dialects to accept.
    package var profile: WireProfile
    /// Names for free-text action errors (the adapter file's `errors:`).
    package var errorNames: ErrorNameMap? = nil

    package init(profile: WireProfile, errorNames: ErrorNameMap? = nil) {
        self.profile = profile
        self.errorNames = errorNames
    }

    /// The result `answer` gives for `call`.
    package func result(of call: ConceptCall, answer: JSONValue) throws(WireViolation) -> ConceptResult {
        let root = WireField(value: answer, path: "", profile: profile)
        return call.isQuery ? try queryResult(of: call, root) : try actionResult(of: call, root)
    }

    // MARK: - Actions

    private func actionResult(of call: ConceptCall, _ root: WireField) throws(WireViolation) -> ConceptResult {
        guard root.isObject else {
            throw root.expected("a JSON object (the action's named results, or {\"error\": …})")
        }
        if let text = try errorText(root["error"]) {
            return .error(WireErrorText.actionError(text, profile: profile, names: errorNames))
        }
        switch call {
        case .connectSource:
            return .sourceAccount(try root["sourceAccount"].identifier())
        case .disconnectSource, .recordInternalSync:
            return .empty
        case .pollExternalSource:
            return .rawExternalAssignments(try root["rawExternalAssignments"].elements().map { field throws(WireViolation) in
                try rawAssignment(field)
            })
        case .identifyChanges:
            return .assignmentsToProcess(try root["assignmentsToProcess"].elements().map { field throws(WireViolation) in
                try assignmentToProcess(field)
            })
        case .getSourcesForUser, .getMappedInternalId, .getAssignmentsForSource:
            preconditionFailure("not an action: \(call.name)")
        }
    }

    /// The text of an `error` field, nil when absent or `null`. Strict wants a string; compat-6104 takes
    /// any value (as its JSON text).
    private func errorText(_ field: WireField) throws(WireViolation) -> String? {
        switch field.value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other? where profile.isLenient: return other.text
        default: throw field.expected("a string")
        }
    }

    package func rawAssignment(_ field: WireField) throws(WireViolation) -> RawExternalAssignment {
        let item = try field.object()
        return RawExternalAssignment(
            externalId: try item["externalId"].identifier(), details: try details(item["details"]),
            externalModificationTimestamp: try item["externalModificationTimestamp"].timestamp())
    }

    package func assignmentToProcess(_ field: WireField) throws(WireViolation) -> AssignmentToProcess {
        let item = try field.object()
        return AssignmentToProcess(
            externalId: try item["externalId"].identifier(), details: try details(item["details"]),
            externalModificationTimestamp: try item["externalModificationTimestamp"].timestamp(),
            existingInternalId: try item["existingInternalId"].nullableIdentifier().map(AssignmentID.init))
    }

    package func details(_ field: WireField) throws(WireViolation) -> ExternalAssignmentDetails {
        let details = try field.object()
        return ExternalAssignmentDetails(
            name: try details["name"].string(), description: try details["description"].nullableString(),
            dueDate: try details["dueDate"].nullableTimestamp())
    }

    // MARK: - Queries

    private func queryResult(of call: ConceptCall, _ root: WireField) throws(WireViolation) -> ConceptResult {
        if root.isObject, let text = try errorText(root["error"]) {
            return .error(WireErrorText.queryError(text))
        }
        if profile.isLenient, let first = try root.elementsIfArray().first, first.isObject,
            let text = try errorText(first["error"])
        {
            return .error(WireErrorText.queryError(text))
        }
        switch call {
        case .getSourcesForUser:
            return .sources(try items(of: root, named: "sources").map { field throws(WireViolation) in try source(field) })
        case .getMappedInternalId:
            return try internalId(root)
        case .getAssignmentsForSource:
            return .assignments(try items(of: root, named: "assignments").map { field throws(WireViolation) in try mapping(field) })
        default:
            preconditionFailure("not a query: \(call.name)")
        }
    }

    /// The list a query returned under `name`: strict reads `[{name: [...]}, ...]` (the lists of every
    /// dictionary, in order; `[]` is empty); compat-6104 also reads `{name: [...]}`, `[{name: item}]` and
    /// an array of raw items.
    package func items(of root: WireField, named name: String) throws(WireViolation) -> [WireField] {
        if profile.isLenient, root.isObject {
            guard !root[name].isAbsent else { throw root.expected("an array, or an object with \"\(name)\"") }
            return try listOrItem(root[name])
        }
        guard root.isArray else { throw root.expected("a JSON array (a query's results), or {\"error\": …}") }
        var found: [WireField] = []
        for row in try root.elements() {
            if row.isObject, !row[name].isAbsent {
                found += profile.isLenient ? try listOrItem(row[name]) : try row[name].elements()
            } else if profile.isLenient {
                found.append(row)
            } else {
                throw row.expected("an object with \"\(name)\"")
            }
        }
        return found
    }

    private func listOrItem(_ field: WireField) throws(WireViolation) -> [WireField] {
        field.isArray ? try field.elements() : [field]
    }

    package func source(_ field: WireField) throws(WireViolation) -> SourceView {
        if !field.isObject { return SourceView(id: try field.identifier()) }
        let idKey = ["sourceAccount", "id", "_id"].first { !field[$0].isAbsentOrNull }
        guard let idKey else { throw field.violation("a source object has no id (\"sourceAccount\", \"id\" or \"_id\")") }
        var baseUrl = try field["baseUrl"].nullableString(absentAllowed: true)
        if baseUrl == nil, profile.isLenient {
            baseUrl = try field["connectionDetails"]["baseUrl"].nullableString(absentAllowed: true)
            if baseUrl == nil { baseUrl = try field["details"]["baseUrl"].nullableString(absentAllowed: true) }
        }
        let poll = field["lastSuccessfulPoll"]
        let stamp: SourceView.PollStamp
        if poll.isAbsent {
            guard profile.isLenient else {
                throw poll.violation("missing (strict: present on every source, null before the first successful poll)")
            }
            stamp = .absent
        } else {
            stamp = try poll.nullableTimestamp().map(SourceView.PollStamp.at) ?? .never
        }
        return SourceView(
            id: try field[idKey].identifier(), owner: try field["owner"].nullableIdentifier(absentAllowed: true),
            sourceType: try field["sourceType"].nullableString(absentAllowed: true),
            sourceName: try field["sourceName"].nullableString(absentAllowed: true), baseUrl: baseUrl,
            lastSuccessfulPoll: stamp)
    }

    package func mapping(_ field: WireField) throws(WireViolation) -> MappingView {
        let item = try field.object()
        let internalKey = item["internalAssignment"].isAbsent ? "internalId" : "internalAssignment"
        let stamp = item["lastExternalModificationTimestamp"]
        return MappingView(
            externalId: try item["externalId"].identifier(), internalAssignment: try item[internalKey].identifier(),
            lastExternalModificationTimestamp: profile.isLenient ? try stamp.nullableTimestamp() : try stamp.timestamp(),
            source: try item["source"].nullableIdentifier(absentAllowed: true))
    }

    /// `[{"internalId": id}]`; compat-6104 also reads `{"internalId": id}`, a raw mapping
    /// (`[{"internalAssignment": id, …}]`), and `[]` as the query's error (no mapping).
    private func internalId(_ root: WireField) throws(WireViolation) -> ConceptResult {
        let rows: [WireField]
        if profile.isLenient, root.isObject {
            rows = [root]
        } else {
            guard root.isArray else { throw root.expected("a JSON array ([{\"internalId\": id}]), or {\"error\": …}") }
            rows = try root.elements()
        }
        guard rows.count == 1, let row = rows.first else {
            if rows.isEmpty, profile.isLenient {
                return .error(ConceptError(kind: .query, name: nil, message: Self.emptyResultMessage))
            }
            throw root.violation("expected exactly one result [{\"internalId\": id}] (or {\"error\": …}), got \(rows.count)")
        }
        if profile.isLenient, row.isObject, row["internalId"].isAbsent, !row["internalAssignment"].isAbsent {
            return .internalId(try row["internalAssignment"].identifier())
        }
        return .internalId(try row.object()["internalId"].identifier())
    }

    /// The message of the error compat-6104 reads from an empty `_getMappedInternalId` answer.
    package static let emptyResultMessage = "(no result: the query answered [])"
}

extension WireField {
    /// The elements when this is an array, else none.
    fileprivate func elementsIfArray() throws(WireViolation) -> [WireField] {
        isArray ? try elements() : []
    }
}

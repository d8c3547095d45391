import ConceptValues
import KitPrimitives

extension ScenarioValue {
    /// This value with `$name` strings replaced by bound values and `${name}` interpolated.
    package func resolved(_ context: MatchContext, at path: String = "") -> Result<ScenarioValue, SchemaProblem> {
        switch self {
        case .string(let text):
            if let name = ScenarioReference.name(in: text) {
                guard let value = context.lookup(name) else {
                    return .failure(SchemaProblem(kind: .unboundName, path: path, message: "unknown binding '$\(name)'"))
                }
                return .success(value)
            }
            guard let interpolated = context.interpolate(text) else {
                return .failure(SchemaProblem(kind: .unboundName, path: path, message: "an interpolated name in \"\(text)\" is unbound"))
            }
            return .success(.string(interpolated))
        case .list(let items):
            var out: [ScenarioValue] = []
            for (index, item) in items.enumerated() {
                switch item.resolved(context, at: "\(path)[\(index)]") {
                case .success(let value): out.append(value)
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(.list(out))
        case .map(let entries):
            var out: [Entry] = []
            for entry in entries {
                switch entry.value.resolved(context, at: Matcher.join(path, entry.key)) {
                case .success(let value): out.append(Entry(entry.key, value))
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(.map(out))
        default:
            return .success(self)
        }
    }
}

extension CallSignature {
    /// Builds the call from resolved arguments (checked against the signature first). Owners, users
    /// and source names get `isolationPrefix` in front.
    package func makeCall(_ arguments: ScenarioValue, isolationPrefix: String) -> Result<ConceptCall, SchemaProblem> {
        if let problem = schema.check(arguments, at: "", deferReferences: false, isBound: { _ in false }) {
            return .failure(problem)
        }
        // Arguments by the role ``ConceptVocabulary`` gives them; owners, users and source names isolated.
        let operation = ConceptVocabulary.named(name)
        func value(_ role: ConceptVocabulary.Role) -> ScenarioValue? { operation?.argument(role).flatMap { arguments[$0.name] } }
        func text(_ role: ConceptVocabulary.Role) -> String { value(role)?.text ?? "" }
        func isolated(_ role: ConceptVocabulary.Role) -> String { isolationPrefix + text(role) }
        let call: ConceptCall
        switch name {
        case "connectSource":
            let details = value(.details)
            call = .connectSource(
                owner: isolated(.owner), sourceType: text(.sourceType), sourceName: isolated(.sourceName),
                details: ConnectionDetails(apiToken: details?["apiToken"]?.text ?? "", baseUrl: details?["baseUrl"]?.text ?? ""))
        case "disconnectSource": call = .disconnectSource(sourceAccount: text(.sourceAccount))
        case "pollExternalSource": call = .pollExternalSource(sourceAccount: text(.sourceAccount))
        case "identifyChanges":
            guard case .list(let items)? = value(.rawExternalAssignments) else { preconditionFailure("checked above") }
            call = .identifyChanges(sourceAccount: text(.sourceAccount), rawExternalAssignments: items.map(Self.rawAssignment))
        case "recordInternalSync":
            call = .recordInternalSync(
                sourceAccount: text(.sourceAccount), externalId: text(.externalId), internalId: text(.internalId),
                externalModificationTimestamp: value(.externalModificationTimestamp)?.instant ?? Timestamp(seconds: 0))
        case "_getSourcesForUser": call = .getSourcesForUser(user: isolated(.user))
        case "_getMappedInternalId": call = .getMappedInternalId(externalId: text(.externalId), sourceAccount: text(.sourceAccount))
        case "_getAssignmentsForSource": call = .getAssignmentsForSource(sourceAccount: text(.sourceAccount))
        default: preconditionFailure("unknown call \(name)")
        }
        return .success(call)
    }

    package static func rawAssignment(_ value: ScenarioValue) -> RawExternalAssignment {
        let details = value["details"]
        let description: String? = details?["description"].flatMap { $0 == .null ? nil : $0.text }
        let dueDate: Timestamp? = details?["dueDate"].flatMap { $0 == .null ? nil : $0.instant }
        return RawExternalAssignment(
            externalId: value["externalId"]?.text ?? "",
            details: ExternalAssignmentDetails(name: details?["name"]?.text ?? "", description: description, dueDate: dueDate),
            externalModificationTimestamp: value["externalModificationTimestamp"]?.instant ?? Timestamp(seconds: 0))
    }
}

import KitPrimitives
import MockCanvas
import MockServerCore
import Yams

/// Writes a ``Scenario`` back as a scenario file that ``ScenarioLoader`` reads to an equal scenario
/// (the property checker saves failing cases this way, for replay).
///
/// Steps are block mappings; arguments, expectations and embedded changes are flow mappings, so
/// each reads as one line where it fits. Literal strings are written as given: a literal `$` must
/// already be `$$` (as in files).
public enum ScenarioWriter {
    /// The YAML text of `scenario`.
    public static func yaml(_ scenario: Scenario) throws(ScenarioError) -> String {
        var pairs: [(Node, Node)] = [
            (key("id"), string(scenario.id)), (key("title"), string(scenario.title)),
            (key("spec"), Node(scenario.spec.map(string), Tag(.seq), .flow)), (key("level"), string(scenario.level.rawValue)),
            (key("features"), Node(scenario.features.map(string), Tag(.seq), .flow)),
        ]
        if let description = scenario.description { pairs.append((key("description"), string(description))) }
        if let sources = scenario.sources {
            pairs.append((key("sources"), Node(sources.map { string($0.sourceType) }, Tag(.seq), .flow)))
        } else if scenario.gitHubClassroomProblem != nil {
            // Written explicitly, so the file loads (an untranslatable scenario must say it is Canvas's).
            pairs.append((key("sources"), Node([string(SourcePlatform.canvas.sourceType)], Tag(.seq), .flow)))
        }
        pairs.append((key("world"), try world(scenario.world, file: scenario.file)))
        pairs.append((key("steps"), Node(scenario.steps.map(step), Tag(.seq), .block)))
        do {
            return try Yams.serialize(node: Node(pairs, Tag(.map), .block), width: 120, allowUnicode: true)
        } catch {
            throw ScenarioError(.syntax, "cannot write the scenario: \(error)", location: .init(file: scenario.file ?? "<scenario>"))
        }
    }

    static func key(_ text: String) -> Node { Node(text, Tag(.str), .plain) }
    /// A string node, quoted when its plain form would read as another type (`50001`, `null`, `true`).
    static func string(_ text: String) -> Node {
        let plainTag = Node(text).tag.description
        let quoted = plainTag != Tag.Name.str.rawValue || text.isEmpty
        return Node(text, Tag(.str), quoted ? .doubleQuoted : .any)
    }

    private static func world(_ world: ScenarioWorld, file: String?) throws(ScenarioError) -> Node {
        switch world {
        case .file(let path, _), .gitHubClassroomFile(let path, _):
            return string(path)
        case .inline(let canvasWorld):
            do {
                let text = try YAMLEncoder().encode(canvasWorld)
                return try Yams.compose(yaml: text) ?? Node([(Node, Node)](), Tag(.map), .block)
            } catch {
                throw ScenarioError(.invalidWorld, "cannot write the world: \(error)", location: .init(file: file ?? "<scenario>", field: "world"))
            }
        }
    }

    static func step(_ step: ScenarioStep) -> Node {
        var pairs: [(Node, Node)] = []
        if let note = step.note { pairs.append((key("note"), string(note))) }
        switch step.action {
        case .mark where step.note == nil: return string("mark")
        case .clearFaults where step.note == nil: return string("clear_faults")
        case .suspendFaults where step.note == nil: return string("suspend_faults")
        case .resumeFaults where step.note == nil: return string("resume_faults")
        case .suspendFaults: pairs.append((key("suspend_faults"), Node("true", Tag(.bool))))
        case .resumeFaults: pairs.append((key("resume_faults"), Node("true", Tag(.bool))))
        case .mark: pairs.append((key("mark"), Node("true", Tag(.bool))))
        case .clearFaults: pairs.append((key("clear_faults"), Node("true", Tag(.bool))))
        case .call(let call):
            pairs.append((key("call"), key(call.name)))
            pairs.append((key("with"), flow(call.arguments)))
            if let expect = call.expect { pairs.append((key("expect"), matcher(expect))) }
            if let capture = call.capture { pairs.append((key("capture"), key(capture))) }
        case .concurrently(let clients):
            pairs.append((key("concurrently"), Node(clients.map { client in
                Node(client.map { call in
                    var fields: [(Node, Node)] = [(key("call"), key(call.name)), (key("with"), flow(call.arguments))]
                    if let expect = call.expect { fields.append((key("expect"), matcher(expect))) }
                    if let capture = call.capture { fields.append((key("capture"), key(capture))) }
                    return Node(fields, Tag(.map), .block)
                }, Tag(.seq), .block)
            }, Tag(.seq), .block)))
        case .recordChanges(let record):
            pairs.append((key("record_changes"), flow(.object([
                "sourceAccount": record.sourceAccount, "changes": .string(record.changes), "internalId": .string(record.internalId),
            ]))))
        case .canvas(let changes):
            pairs.append((key("canvas"), changes.count == 1 ? flow(changes[0]) : flow(.list(changes))))
        case .gitHub(let changes):
            pairs.append((key("github"), changes.count == 1 ? flow(changes[0]) : flow(.list(changes))))
        case .clock(.advance(let seconds)):
            let value: ScenarioValue = seconds == seconds.rounded() && abs(seconds) < 1e15 ? .int(Int64(seconds)) : .double(seconds)
            pairs.append((key("clock"), flow(.object(["advance": value]))))
        case .clock(.set(let instant)):
            pairs.append((key("clock"), flow(.object(["set": .string(instant)]))))
        case .wait(let seconds):
            pairs.append((key("wait"), flow(seconds == seconds.rounded() ? .int(Int64(seconds)) : .double(seconds))))
        case .rateLimit(let value): pairs.append((key("rate_limit"), flow(value)))
        case .faults(let rules): pairs.append((key("faults"), Node(rules.map(flow), Tag(.seq), .block)))
        case .journal(let check): pairs.append((key("journal"), flow(journal(check))))
        }
        return Node(pairs, Tag(.map), .block)
    }

    private static func journal(_ check: JournalCheck) -> ScenarioValue {
        var entries: [ScenarioValue.Entry] = []
        if check.origin != ScenarioBuiltin.canvas { entries.append(.init("origin", .string("$" + check.origin))) }
        if check.sinceStart { entries.append(.init("since", .string("start"))) }
        if let method = check.method { entries.append(.init("method", .string(method))) }
        if let path = check.path { entries.append(.init("path", .string(path.pattern))) }
        if let count = check.count { entries.append(.init("count", .int(Int64(count)))) }
        if let atLeast = check.atLeast { entries.append(.init("at_least", .int(Int64(atLeast)))) }
        if let origin = check.tokenOnlyTo { entries.append(.init("token_only_to", .string("$" + origin))) }
        return .map(entries)
    }

    /// A value as a flow-style node (strings tagged `str`, so `"50001"` stays a string).
    static func flow(_ value: ScenarioValue) -> Node {
        switch value {
        case .null: Node("null", Tag(.null), .plain)
        case .bool(let b): Node(b ? "true" : "false", Tag(.bool), .plain)
        case .int(let i): Node(String(i), Tag(.int), .plain)
        case .double(let d): Node(String(d), Tag(.float), .plain)
        case .string(let s): string(s)
        case .timestamp(let t): Node(t.rfc3339(), Tag(.str), .doubleQuoted)
        case .list(let items): Node(items.map(flow), Tag(.seq), .flow)
        case .map(let entries): Node(entries.map { (key($0.key), flow($0.value)) }, Tag(.map), .flow)
        }
    }

    /// A matcher in the file syntax.
    static func matcher(_ matcher: Matcher) -> Node {
        func keyword(_ name: String, _ node: Node) -> Node { Node([(key(name), node)], Tag(.map), .flow) }
        func list(_ ms: [Matcher]) -> Node { Node(ms.map(self.matcher), Tag(.seq), .flow) }
        switch matcher {
        case .value(let value): return flow(value)
        case .binding(let name): return string("$" + name)
        case .any(let kind): return keyword("any", key(kind.rawValue))
        case .object(let fields): return Node(fields.map { (key($0.key), self.matcher($0.matcher)) }, Tag(.map), .flow)
        case .set(let ms): return list(ms)
        case .list(let ms): return keyword("list", list(ms))
        case .contains(let ms): return keyword("contains", list(ms))
        case .count(let n): return keyword("count", Node(String(n), Tag(.int), .plain))
        case .distinct(let field): return keyword("distinct", key(field))
        case .oneOf(let ms): return keyword("one_of", list(ms))
        case .all(let ms): return keyword("all", list(ms))
        case .not(let m): return keyword("not", self.matcher(m))
        case .after(let m): return keyword("after", self.matcher(m))
        case .notBefore(let m): return keyword("not_before", self.matcher(m))
        case .before(let m): return keyword("before", self.matcher(m))
        case .error(.any): return keyword("error", key("any"))
        case .error(.named(let name)): return keyword("error", string(name))
        }
    }
}

import ConceptValues
import Foundation
import KitPrimitives
import MockCanvas
import MockServerCore
import Yams
import ConformanceKit

/// Turns a shrunk failing case into a scenario file (Hypothesis prints a runnable program; we
/// write a scenario), so `conformance replay FILE` reproduces it through the scenario runner.
///
/// The scenario holds the case's world inline and every step the minimal case took: concept calls
/// with what the model allowed (alternatives as `one_of`), world changes, clock moves and fault
/// rules. Source ids become bindings (`$s1`), the mock's origin `$canvas`; the invariants' own
/// queries are left out except the one that failed.
public enum FailureScenario {
    /// The scenario for `failure`'s minimal case.
    public static func scenario(for failure: CheckerFailure) -> Scenario {
        let outcome = failure.minimal
        let violation = failure.violation
        let checkerCase = outcome.checkerCase
        var builder = Builder(origin: outcome.origin, prefix: outcome.isolationPrefix, exactTimes: violation.code == .lastSuccessfulPoll)
        builder.tokenSentElsewhere = violation.code == .tokenSentElsewhere
        let events = outcome.history.events
        let failing = outcome.failingEvent ?? events.lastIndex { if case .call = $0.event { true } else { false } }
        for (index, entry) in events.enumerated().prefix(while: { $0.offset <= failing ?? Int.max }) {
            builder.add(entry.event, isFailingCall: index == failing)
        }
        // The world is written in Canvas terms on both platforms; GitHub Classroom runs stamp by fingerprint.
        let features = ["canvas"] + (checkerCase.platform == .gitHubClassroom ? ["fingerprints"] : []) + (builder.usedFaults ? ["faults"] : [])
            + (builder.changedWorld ? ["world-changes"] : [])
        let clauses = violation.clauses.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let description = """
            Found by the property checker against \(failure.implementation) on \(checkerCase.platform.sourceType): run seed \(failure.runSeed), case \(checkerCase.index), \
            case seed \(checkerCase.seedText); shrunk from \(failure.original.checkerCase.commands.count) to \(checkerCase.commands.count) commands.
            \(violation)
            """
        return Scenario(
            id: "checker.\(violation.code.rawValue).\(checkerCase.seedText)\(checkerCase.platform == .canvas ? "" : "." + checkerCase.platform.shortName)",
            title: "Checker counterexample: \(violation.code.rawValue) (\(violation.phase == .commands ? "step \(violation.step)" : "after heal and quiesce"))",
            spec: clauses.isEmpty ? ["principle"] : clauses, level: violation.level, features: features,
            description: CheckerWorld.redactingTokens(description), sources: [checkerCase.platform], world: .inline(checkerCase.world.world),
            steps: builder.steps)
    }

    /// Writes the scenario under `directory` and returns the file's path.
    @discardableResult
    public static func write(_ failure: CheckerFailure, to directory: String) throws -> String {
        let scenario = scenario(for: failure)
        let text = try ScenarioWriter.yaml(scenario)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent("\(scenario.id).yaml")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A scenario value for any `Encodable` (world changes, fault rules), through YAML. Null fields
    /// are left out (absent means null for the mock's objects), except in patches, where `null`
    /// clears a field.
    static func value<T: Encodable>(_ encodable: T, keepingNulls: Bool = false) -> ScenarioValue {
        guard let text = try? YAMLEncoder().encode(encodable), let cursor = try? YAMLCursor.root(of: text, file: "<checker>") else {
            return .null
        }
        return keepingNulls ? cursor.value : withoutNulls(cursor.value)
    }

    static func withoutNulls(_ value: ScenarioValue) -> ScenarioValue {
        switch value {
        case .map(let entries): .map(entries.filter { $0.value != .null }.map { .init($0.key, withoutNulls($0.value)) })
        case .list(let items): .list(items.map(withoutNulls))
        default: value
        }
    }

    /// `matcher` with each item's `externalModificationTimestamp` set to `stamps[externalId]`.
    static func pinning(_ matcher: Matcher, _ stamps: [String: Timestamp]) -> Matcher {
        func pin(_ value: ScenarioValue) -> ScenarioValue {
            switch value {
            case .list(let items): return .list(items.map(pin))
            case .map(let entries):
                let stamp = value["externalId"]?.text.flatMap { stamps[$0] }
                return .map(entries.map { entry in
                    if entry.key == "externalModificationTimestamp", let stamp { return .init(entry.key, .timestamp(stamp)) }
                    return .init(entry.key, pin(entry.value))
                })
            default: return value
            }
        }
        switch matcher {
        case .value(let value): return .value(pin(value))
        case .object(let fields):
            let stamp = GitHubClassroomExpectation.externalId(of: matcher).flatMap { stamps[$0] }
            return .object(fields.map { field in
                if field.key == "externalModificationTimestamp", let stamp { return Matcher.Field(field.key, .value(.timestamp(stamp))) }
                return Matcher.Field(field.key, pinning(field.matcher, stamps))
            })
        case .set(let ms): return .set(ms.map { pinning($0, stamps) })
        case .list(let ms): return .list(ms.map { pinning($0, stamps) })
        case .contains(let ms): return .contains(ms.map { pinning($0, stamps) })
        case .all(let ms): return .all(ms.map { pinning($0, stamps) })
        case .oneOf(let ms): return .oneOf(ms.map { pinning($0, stamps) })
        default: return matcher
        }
    }

    /// Builds the steps, binding source ids as they are issued.
    struct Builder {
        /// The mock's origin in the case (written `$canvas`).
        let origin: String
        /// The case's isolation prefix (removed: the scenario runner adds its own).
        let prefix: String
        /// Whether the failing call's timestamps are pinned exactly (else any instant).
        let exactTimes: Bool
        /// Whether the failure is the token sent to another origin (judged by the journal).
        var tokenSentElsewhere = false
        var steps: [ScenarioStep] = []
        var notes: [String] = []
        var bindings: [(id: String, name: String)] = []
        var usedFaults = false
        var changedWorld = false
        /// The last poll result captured per source id, so the following identifyChanges can pass it on.
        var polled: [String: (name: String, list: [RawExternalAssignment])] = [:]
        var captures = 0

        mutating func add(_ event: CheckerHistory.Event, isFailingCall: Bool) {
            switch event {
            case .command(let text, let skipped): notes.append(skipped ? "skipped: \(text)" : text)
            case .note(let text): notes.append(text)
            case .requests: break
            case .canvas(let change):
                changedWorld = true
                if case .updateAssignment = change {
                    emit(.canvas([FailureScenario.value(change, keepingNulls: true)]))
                } else {
                    emit(.canvas([FailureScenario.value(change)]))
                }
            case .clock(let ms): emit(.clock(.advance(seconds: Double(ms) / 1000)))
            case .faults(let rules):
                usedFaults = true
                // The checker's other origin leads back to the case's mock; a replay has a mock of its own there.
                let alias = FaultChoice.aliasOrigin(of: origin)
                emit(.faults(rules.map { FailureScenario.value($0).mapStrings { $0 == alias ? "$" + ScenarioBuiltin.otherOrigin : $0 } }))
            case .clearFaults: emit(.clearFaults)
            case .concurrent(let phase):
                guard isFailingCall || phase.linearization.isEmpty else {
                    // A phase that passed: its calls one at a time, in the order the judge chose, so
                    // the sources it made are bound for the steps after it (faults suspended, as they were).
                    emit(.suspendFaults)
                    defer { emit(.resumeFaults) }
                    for index in phase.linearization {
                        guard let expected = phase.expected[index], let actual = phase.calls[index].result else { continue }
                        add(.call(phase.calls[index].call, expected: expected, actual: actual, probe: false), isFailingCall: false)
                    }
                    return
                }
                addFailingPhase(phase)
            case .unanswered(let call, let expected, let reason, let probe):
                guard !probe || isFailingCall else { return }
                let arguments = ScenarioArguments.of(call).mapStrings(literal)
                let snapshot = self
                let matcher = ExpectationMatcher(literal: { snapshot.literal($0) }, exactTimes: false).matcher(for: expected, capture: nil)
                emit(.call(CallStep(name: call.name, arguments: arguments, expect: matcher, capture: nil)),
                     note: isFailingCall ? "the failing call (it got no answer to judge: \(reason))" : nil)
            case .call(let call, let expected, let actual, let probe):
                guard !probe || isFailingCall else { return }
                var arguments = ScenarioArguments.of(call).mapStrings(literal)
                var capture: String?
                var captureResult: String?
                let allowed = expected.judge(actual, policy: .inProcess) == nil
                switch (call, actual) {
                case (.connectSource, .sourceAccount(let id)) where allowed:
                    capture = "s\(bindings.count + 1)"
                    bindings.append((id, capture!))
                case (.pollExternalSource(let id), .rawExternalAssignments(let list)) where allowed:
                    captures += 1
                    captureResult = "raw\(captures)"
                    polled[id] = (captureResult!, list)
                case (.identifyChanges(let id, let list), _):
                    if let last = polled[id], last.list == list {
                        arguments = .object(["sourceAccount": .string(literal(id)), "rawExternalAssignments": .string("$" + last.name)])
                    }
                default:
                    break
                }
                if isFailingCall, tokenSentElsewhere {
                    // What is judged is where the token went, not the answer (the replay's other origin is another mock).
                    emit(.call(CallStep(name: call.name, arguments: arguments, expect: .oneOf([.object([]), .error(.any)]), capture: nil)),
                         note: "the failing call: it sent the apiToken to another origin (any answer; the journal is judged)")
                    emit(.journal(JournalCheck(origin: ScenarioBuiltin.canvas, sinceStart: true, tokenOnlyTo: ScenarioBuiltin.canvas)))
                    return
                }
                let snapshot = self
                var matcher = ExpectationMatcher(literal: { snapshot.literal($0) }, exactTimes: exactTimes && isFailingCall)
                    .matcher(for: expected, capture: capture)
                if allowed, case .rawAssignments(let list)? = expected.success, list.ownClockLedger != nil, case .rawExternalAssignments(let items) = actual {
                    // Stamps on the implementation's own clock are judged by rule; the file keeps the ones
                    // this poll gave, which a replay reads the later literals against (StampRebase).
                    matcher = FailureScenario.pinning(matcher, Dictionary(items.map { ($0.externalId, $0.externalModificationTimestamp) }) { a, _ in a })
                }
                emit(.call(CallStep(name: call.name, arguments: arguments, expect: matcher, capture: captureResult)), note: isFailingCall ? "the failing call" : nil)
            }
        }

        /// The failing phase: the same calls from as many clients at once (any answer: which client
        /// wins depends on the scheduler), then the queries that pin the state every order ends in.
        mutating func addFailingPhase(_ phase: ConcurrentPhaseRecord) {
            let anyAnswer = Matcher.oneOf([.object([]), .error(.any)])
            var clients: [[CallStep]] = Array(repeating: [], count: phase.clients)
            for call in phase.calls.sorted(by: { ($0.client, $0.position) < ($1.client, $1.position) }) {
                clients[call.client].append(CallStep(name: call.call.name, arguments: ScenarioArguments.of(call.call).mapStrings(literal), expect: anyAnswer))
            }
            emit(.suspendFaults)
            emit(.concurrently(clients), note: "the failing concurrent phase: \(phase.clients) clients at once; a race needs the same overlap again, so a replay may pass by luck of the scheduler (run it a few times)")
            emit(.resumeFaults)
            let snapshot = self
            let matcher = ExpectationMatcher(literal: { snapshot.literal($0) }, exactTimes: false)
            for check in phase.checks {
                emit(.call(CallStep(
                    name: check.call.name, arguments: ScenarioArguments.of(check.call).mapStrings(literal),
                    expect: matcher.matcher(for: check.expected, capture: nil))),
                    note: "the state every order of the phase's calls ends in")
            }
        }

        mutating func emit(_ action: ScenarioStep.Action, note extra: String? = nil) {
            let text = (notes + (extra.map { [$0] } ?? [])).joined(separator: "; ")
            steps.append(ScenarioStep(action, note: text.isEmpty ? nil : CheckerWorld.redactingTokens(text)))
            notes = []
        }

        /// A string as the scenario writes it: a bound source id as `$sK` (`'${sK}'` inside text), the
        /// mock's origin as `$canvas`, no isolation prefix, a literal `$` as `$$`.
        func literal(_ text: String) -> String {
            if let bound = bindings.first(where: { $0.id == text }) { return "$" + bound.name }
            if !origin.isEmpty, text == origin { return "$" + ScenarioBuiltin.canvas }
            var out = text.replacing("$", with: "$$")
            if !origin.isEmpty { out = out.replacing(origin, with: "${\(ScenarioBuiltin.canvas)}") }
            if !prefix.isEmpty { out = out.replacing(prefix, with: "") }
            for bound in bindings { out = out.replacing("'\(bound.id)'", with: "'${\(bound.name)}'") }
            return out
        }
    }
}

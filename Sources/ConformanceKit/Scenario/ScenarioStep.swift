import MockServerCore

/// One step of a scenario: a concept call with its expected result, a change to the platform, a
/// clock move, fault rules, or a check of what reached the platform.
public struct ScenarioStep: Sendable, Hashable {
    /// What the step does.
    public var action: Action
    /// A comment shown in traces (`note:` in files).
    public var note: String?
    /// The line it starts on, when loaded from a file.
    public var line: Int?

    public init(_ action: Action, note: String? = nil, line: Int? = nil) {
        self.action = action
        self.note = note
        self.line = line
    }

    /// What a step does.
    public enum Action: Sendable, Hashable {
        /// `call: <name>`, `with: {...}`, `expect: ...`, `capture: name`.
        case call(CallStep)
        /// `record_changes: {sourceAccount, changes, internalId}`: records every captured change.
        case recordChanges(RecordChangesStep)
        /// `canvas: {change: ...}` or a list of them: world changes (``MockCanvas/CanvasWorldChange``).
        case canvas([ScenarioValue])
        /// `github: {change: ...}` or a list of them: GitHub Classroom world changes
        /// (`GitHubClassroomWorldChange`), in scenarios that run on GitHub Classroom only.
        case gitHub([ScenarioValue])
        /// `clock: {advance: seconds}` or `clock: {set: instant}`.
        case clock(ClockMove)
        /// `wait: seconds` (at most ``ScenarioStep/longestWait``): real time passes, for an
        /// implementation on its own clock (over HTTP); nothing happens on the virtual clock, which
        /// `clock:` moves. After a wait of a second or more, `{after: $name}` for a name bound before
        /// it is strict even on the implementation's own clock (a clock with whole-second resolution
        /// has ticked).
        case wait(seconds: Double)
        /// `rate_limit: {high_water, maximum, leak_per_second, request_cost, status, retry_after}`:
        /// replaces the mock's throttle parameters (the bucket levels stay).
        case rateLimit(ScenarioValue)
        /// `faults: [...]`: fault rules added after those installed.
        case faults([ScenarioValue])
        /// `clear_faults`: removes every fault rule.
        case clearFaults
        /// `suspend_faults`: no fault rule fires or counts a request until `resume_faults`.
        case suspendFaults
        /// `resume_faults`: suspended rules fire again where they left off.
        case resumeFaults
        /// `mark`: journal checks after it look only at requests made after it.
        case mark
        /// `journal: {...}`: a check of the requests the mock received.
        case journal(JournalCheck)
        /// `concurrently: [[call, ...], [call, ...]]`: each inner list is one client, which makes its
        /// calls one after another; every client starts at once. Arguments resolve against the
        /// bindings made before the step; answers are matched, and captures bound, after every
        /// client is done, client by client.
        case concurrently([[CallStep]])
    }

    /// The longest `wait:` a scenario may take, in seconds.
    public static let longestWait = 5.0

    /// Whether any value in the step refers to the built-in `$name`.
    func mentions(_ name: String) -> Bool {
        let token = "$" + name
        func inValue(_ value: ScenarioValue) -> Bool {
            switch value {
            case .string(let s): s.contains(token) || s.contains("${\(name)}")
            case .list(let items): items.contains(where: inValue)
            case .map(let entries): entries.contains { inValue($0.value) }
            default: false
            }
        }
        switch action {
        case .call(let call): return inValue(call.arguments) || (call.expect?.mentions(name) ?? false)
        case .concurrently(let clients):
            return clients.joined().contains { inValue($0.arguments) || ($0.expect?.mentions(name) ?? false) }
        case .recordChanges(let record): return inValue(record.sourceAccount)
        case .canvas(let changes), .gitHub(let changes): return changes.contains(where: inValue)
        case .faults(let rules): return rules.contains(where: inValue)
        case .journal(let check): return check.origin == name || check.tokenOnlyTo == name
        case .clock, .wait, .rateLimit, .clearFaults, .suspendFaults, .resumeFaults, .mark: return false
        }
    }
}

/// A concept call and what it must answer.
public struct CallStep: Sendable, Hashable {
    /// The spec's name (`connectSource`, `_getSourcesForUser`, ...).
    public var name: String
    /// The arguments by the spec's names; strings may be `$binding`s or contain `${binding}`.
    public var arguments: ScenarioValue
    /// The expected result; nil means "succeeds, whatever it returns".
    public var expect: Matcher?
    /// Saves the result's value (the id, the list) under this name for later steps.
    public var capture: String?

    public init(name: String, arguments: ScenarioValue, expect: Matcher? = nil, capture: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.expect = expect
        self.capture = capture
    }
}

/// Records each captured `identifyChanges` item with `recordInternalSync`: the mapped id when the
/// item has one, else `internalId` with `{externalId}` replaced.
public struct RecordChangesStep: Sendable, Hashable {
    /// The source (usually `$s1`).
    public var sourceAccount: ScenarioValue
    /// The capture holding `identifyChanges`'s result.
    public var changes: String
    /// The new internal id pattern, e.g. `task-{externalId}`.
    public var internalId: String
}

/// A move of the virtual clock (both mocks move together).
public enum ClockMove: Sendable, Hashable {
    /// Forward by this many seconds.
    case advance(seconds: Double)
    /// To this RFC 3339 instant (never backwards).
    case set(String)
}

/// A check of the request journal, over the requests since the last `mark` (or the start).
public struct JournalCheck: Sendable, Hashable {
    /// Which mock: the built-in name `canvas` (default) or `other_origin`.
    public var origin: String
    /// Look at every request since the scenario started, not since the last mark.
    public var sinceStart: Bool
    /// Only requests with this method.
    public var method: String?
    /// Only requests whose path matches (`*` one segment, `**` any).
    public var path: PathPattern?
    /// Exactly this many requests (`no_requests: true` is `count: 0`).
    public var count: Int?
    /// At least this many requests.
    public var atLeast: Int?
    /// The token went to no origin but this one (built-in name): every request any other mock
    /// received carried no credential.
    public var tokenOnlyTo: String?

    public init(
        origin: String = ScenarioBuiltin.canvas, sinceStart: Bool = false, method: String? = nil, path: PathPattern? = nil,
        count: Int? = nil, atLeast: Int? = nil, tokenOnlyTo: String? = nil
    ) {
        self.origin = origin
        self.sinceStart = sinceStart
        self.method = method
        self.path = path
        self.count = count
        self.atLeast = atLeast
        self.tokenOnlyTo = tokenOnlyTo
    }
}

import ConformanceKit
/// How one case ended.
public struct CaseOutcome: Sendable {
    /// The case as run.
    public var checkerCase: CheckerCase
    /// The first violation, if any.
    public var violation: Violation?
    /// Findings about the spec the case showed.
    public var findings: [Finding]
    /// Everything that happened.
    public var history: CheckerHistory
    /// Commands run and skipped (a reference that resolved to nothing).
    public var commandsRun: Int
    public var commandsSkipped: Int
    /// Why the case could not run at all (the mock or the implementation failed to start).
    public var setupError: String?
    /// The mock's origin during the case (scenario files write it `$canvas`).
    public var origin = ""
    /// The prefix put in front of owners (a shared implementation), or empty.
    public var isolationPrefix = ""
    /// The index in ``history`` of the call whose answer broke a rule, if one did.
    public var failingEvent: Int?
    /// Why the case stopped without a verdict: a concurrent phase whose linearizability search hit
    /// its bound (neither a pass of what followed nor a failure).
    public var inconclusive: String?

    /// Whether the case passed.
    public var passed: Bool { violation == nil && setupError == nil }

    init(_ runner: CaseRunner) {
        checkerCase = runner.plan
        violation = runner.violation
        findings = runner.findings
        history = runner.history
        commandsRun = runner.commandsRun
        commandsSkipped = runner.commandsSkipped
        origin = runner.origin
        isolationPrefix = runner.prefix
        failingEvent = runner.failingEvent
        inconclusive = runner.inconclusive
    }

    /// An outcome built by hand (for tests of the shrinker and the reports).
    public init(checkerCase: CheckerCase, violation: Violation?, findings: [Finding] = [], history: CheckerHistory = CheckerHistory()) {
        self.checkerCase = checkerCase
        self.violation = violation
        self.findings = findings
        self.history = history
        commandsRun = checkerCase.commands.count
        commandsSkipped = 0
    }

    init(checkerCase: CheckerCase, setupError: String) {
        self.checkerCase = checkerCase
        self.setupError = setupError
        findings = []
        history = CheckerHistory()
        commandsRun = 0
        commandsSkipped = 0
    }

    /// The concept calls made (probes included).
    public var calls: Int { history.callCount }
}

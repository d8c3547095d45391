import ConceptValues
import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore

/// The simulated platform of one scenario run or checker case: the mock Canvas, or the mock GitHub
/// Classroom kept equal to the translation of a Canvas world. Everything the scenario runner and the
/// checker's model do to or ask of the platform goes through it, in Canvas terms.
///
/// In a GitHub Classroom run ``canvas`` is a *shadow*: an unserved mock Canvas holding the scenario's
/// Canvas world, on the same clock, to which every Canvas change is applied first; the GitHub mock
/// then receives the translation of that change (``GitHubClassroomWorldChange/translating(_:in:now:)``),
/// so it always shows the translation of the shadow's world (token changes made by faults excepted).
///
/// ```swift
/// let platform = SimulatedPlatform(canvasWorld: world, platform: .gitHubClassroom, seed: 7)
/// try await platform.withServer { origin in
///     try platform.apply(.updateAssignment(id: 50001, .init(name: "PS1")))
///     let (expected, ledger) = platform.expectedPoll(token: "tok-alice", ledger: StampLedger())!
/// }
/// ```
public struct SimulatedPlatform: Sendable {
    /// Which platform the implementation talks to.
    public let kind: SourcePlatform
    /// Canvas runs: the served mock. GitHub Classroom runs: the unserved Canvas shadow (empty for a
    /// GitHub-native world), on the same clock.
    public let canvas: MockCanvas
    /// GitHub Classroom runs: the served mock.
    public let gitHubClassroom: MockGitHubClassroom?
    /// Whether the world was written in GitHub Classroom terms (Canvas changes then do not apply).
    public let isGitHubNative: Bool

    /// A platform for a Canvas world.
    ///
    /// - Parameters:
    ///   - canvasWorld: The scenario's world.
    ///   - platform: The platform to serve (GitHub Classroom serves its translation).
    ///   - seed: The run's seed for this scenario or case (fault rules draw from it).
    public init(canvasWorld: CanvasWorld, platform: SourcePlatform, seed: UInt64) {
        kind = platform
        canvas = MockCanvas(world: canvasWorld, seed: seed)
        gitHubClassroom = platform == .gitHubClassroom ? MockGitHubClassroom(world: GitHubClassroomWorld(translating: canvasWorld), seed: seed) : nil
        isGitHubNative = false
    }

    /// The platform of an existing mock Canvas (the checker's cases make their own).
    public init(serving canvas: MockCanvas) {
        kind = .canvas
        self.canvas = canvas
        gitHubClassroom = nil
        isGitHubNative = false
    }

    /// A GitHub Classroom platform for a world written in GitHub Classroom terms.
    public init(gitHubClassroomWorld: GitHubClassroomWorld, seed: UInt64) {
        kind = .gitHubClassroom
        canvas = MockCanvas(world: CanvasWorld(clock: gitHubClassroomWorld.clock), seed: seed)
        gitHubClassroom = MockGitHubClassroom(world: gitHubClassroomWorld, seed: seed)
        isGitHubNative = true
    }

    // MARK: - Inspection

    /// The virtual time.
    public var now: Timestamp { gitHubClassroom?.now ?? canvas.now }

    /// The sequence number the served mock's next request gets.
    public var nextJournalSequence: Int { gitHubClassroom?.nextJournalSequence ?? canvas.nextJournalSequence }

    /// The served mock's journal after `sequence`.
    public func journal(after sequence: Int = 0) -> [JournalEntry] {
        gitHubClassroom?.journal(after: sequence) ?? canvas.journal(after: sequence)
    }

    /// Serves the platform on loopback for the duration of `body`, which gets its base URL.
    ///
    /// - Parameter stallLimit: How long an injected stall lasts before the mock resets the
    ///   connection (nil: until the client gives up; see ``StallPolicy``).
    public func withServer<Result: Sendable>(stallLimit: Duration? = StallPolicy.bounded.limit, _ body: (String) async throws -> Result) async throws -> Result {
        var configuration = HTTPServerConfiguration()
        configuration.stallLimit = stallLimit
        if let gitHubClassroom {
            return try await gitHubClassroom.withServer(configuration: configuration) { address in try await body(address.origin) }
        }
        return try await canvas.withServer(configuration: configuration) { address in try await body(address.origin) }
    }

    // MARK: - Control

    /// Applies a Canvas change (translated on GitHub Classroom); the world is unchanged when it fails.
    public func apply(_ change: CanvasWorldChange) throws(MockError) {
        guard let gitHubClassroom else { return try canvas.apply(change) }
        guard !isGitHubNative else {
            throw MockError(.invalidCommand, "\(change.name): a Canvas change does not apply to a GitHub Classroom world")
        }
        let before = canvas.world
        let translated = try GitHubClassroomWorldChange.translating(change, in: before, now: now)
        try canvas.apply(change)
        for native in translated { try gitHubClassroom.apply(native) }
    }

    /// Applies a GitHub Classroom change (GitHub Classroom only; the Canvas shadow is not changed).
    public func apply(_ change: GitHubClassroomWorldChange) throws(MockError) {
        guard let gitHubClassroom else {
            throw MockError(.invalidCommand, "\(change.name): a GitHub Classroom change does not apply to Canvas")
        }
        try gitHubClassroom.apply(change)
    }

    /// Advances the virtual clock.
    public func advanceClock(seconds: Double) throws(MockError) {
        try canvas.perform(.advanceClock(seconds: seconds))
        try gitHubClassroom?.perform(.advanceClock(seconds: seconds))
    }

    /// Moves the virtual clock to `instant` (never backwards).
    public func setClock(_ instant: Timestamp) throws(MockError) {
        try canvas.perform(.setClock(instant))
        try gitHubClassroom?.perform(.setClock(instant))
    }

    /// Replaces Canvas's throttle parameters. On GitHub Classroom the nearest meaning: the bucket's
    /// capacity in requests becomes the primary limit, with the same status (the bucket's leak has no
    /// counterpart, so scenarios about it run on Canvas only).
    public func setRateLimit(_ limit: CanvasRateLimit) throws(MockError) {
        try canvas.perform(.setRateLimit(limit))
        guard let gitHubClassroom else { return }
        let requests = limit.requestCost > 0 ? Int((limit.highWater / limit.requestCost).rounded(.down)) : Int.max / 2
        try gitHubClassroom.perform(.setRateLimit(GitHubRateLimit(limit: max(1, requests), status: limit.status)))
    }

    /// Installs fault rules written for Canvas (paths and `world_change` faults translated on GitHub
    /// Classroom; an untranslatable rule is an `invalidFault` error and nothing is installed).
    public func installFaults(_ rules: [FaultRule<CanvasWorldChange>]) throws(MockError) {
        guard let gitHubClassroom else { return try canvas.installFaults(rules) }
        var translated: [FaultRule<GitHubClassroomWorldChange>] = []
        for rule in rules {
            do {
                translated.append(try CanvasPathTranslation.gitHubClassroomRule(for: rule, world: canvas.world, now: now))
            } catch {
                throw MockError(.invalidFault, error.reason)
            }
        }
        try gitHubClassroom.installFaults(translated)
    }

    /// Installs GitHub Classroom fault rules as written (GitHub Classroom only).
    public func installFaults(_ rules: [FaultRule<GitHubClassroomWorldChange>]) throws(MockError) {
        guard let gitHubClassroom else { throw MockError(.invalidFault, "GitHub Classroom fault rules do not apply to Canvas") }
        try gitHubClassroom.installFaults(rules)
    }

    /// Stops every fault rule from firing or counting requests until ``resumeFaults()``.
    public func suspendFaults() {
        try? canvas.perform(.suspendFaults)
        try? gitHubClassroom?.perform(.suspendFaults)
    }

    /// Lets suspended fault rules fire again, where they left off.
    public func resumeFaults() {
        try? canvas.perform(.resumeFaults)
        try? gitHubClassroom?.perform(.resumeFaults)
    }

    /// Removes every fault rule.
    public func clearFaults() {
        try? canvas.perform(.clearFaults)
        try? gitHubClassroom?.perform(.clearFaults)
    }
}

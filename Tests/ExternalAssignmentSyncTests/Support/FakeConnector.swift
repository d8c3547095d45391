import ExternalAssignmentSync
import Logging
import Synchronization

/// An in-memory platform: a set of valid tokens, a list of assignments, scripted failures, and a log
/// of every call, so tests can assert what reached the platform (and what did not).
final class FakeConnector: SourceConnector {
    struct State: Sendable {
        /// Tokens the platform accepts.
        var validTokens: Set<String> = []
        /// What a successful fetch returns.
        var assignments: [RawExternalAssignment] = []
        /// Failures thrown by the next validate calls, first one first.
        var scriptedValidateFailures: [SyncError] = []
        /// Failures thrown by the next fetch calls, first one first.
        var scriptedFetchFailures: [SyncError] = []
        /// Details of every validate call, in order.
        var validateCalls: [ConnectionDetails] = []
        /// Details of every fetch call, in order.
        var fetchCalls: [ConnectionDetails] = []
    }

    private let state: Mutex<State>
    /// Runs inside every validate call, before it answers (to interleave other actions there).
    private let duringValidate: @Sendable () async -> Void
    /// Runs inside every fetch call, before it answers.
    private let duringFetch: @Sendable () async -> Void

    init(
        validTokens: Set<String> = ["tok-alice", "tok-bob"],
        assignments: [RawExternalAssignment] = [],
        duringValidate: @escaping @Sendable () async -> Void = {},
        duringFetch: @escaping @Sendable () async -> Void = {}
    ) {
        state = Mutex(State(validTokens: validTokens, assignments: assignments))
        self.duringValidate = duringValidate
        self.duringFetch = duringFetch
    }

    func validate(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) {
        state.withLock { $0.validateCalls.append(details) }
        await duringValidate()
        let failure: SyncError? = state.withLock { state in
            if !state.scriptedValidateFailures.isEmpty { return state.scriptedValidateFailures.removeFirst() }
            guard state.validTokens.contains(details.apiToken) else {
                return SyncError(code: .invalidCredentialsError, message: "the platform answered 401")
            }
            return nil
        }
        if let failure { throw failure }
    }

    func fetch(_ details: ConnectionDetails, logger: Logger) async throws(SyncError) -> FetchedAssignments {
        .timestamped(try await fetchAssignments(details, logger: logger))
    }

    func fetchAssignments(_ details: ConnectionDetails, logger: Logger) async throws(SyncError)
        -> [RawExternalAssignment]
    {
        state.withLock { $0.fetchCalls.append(details) }
        await duringFetch()
        let result: Result<[RawExternalAssignment], SyncError> = state.withLock { state in
            if !state.scriptedFetchFailures.isEmpty { return .failure(state.scriptedFetchFailures.removeFirst()) }
            guard state.validTokens.contains(details.apiToken) else {
                return .failure(SyncError(code: .invalidCredentialsError, message: "the platform answered 401"))
            }
            return .success(state.assignments)
        }
        return try result.get()
    }

    /// Reads or changes the platform's state.
    func withState<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
        state.withLock { body(&$0) }
    }

    var validateCallCount: Int { withState { $0.validateCalls.count } }
    var fetchCallCount: Int { withState { $0.fetchCalls.count } }
}

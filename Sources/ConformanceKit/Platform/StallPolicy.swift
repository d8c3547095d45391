/// How long the stalls a run injects last: the one place where real time enters a simulated run.
///
/// A `stall` fault (the platform accepts the request and never answers) tests one thing, the
/// implementation's platform timeout. Waiting for that timeout is only worth it where the timeout is
/// what is being judged: an implementation under test over HTTP. Everywhere else (embedded runs
/// against the in-process reference, the kit's own tests) the mock ends each stall after a short
/// real time with a connection reset, so the implementation keeps generous timeouts and a busy
/// machine can never turn a healthy answer into a `NetworkError`: only a stall the kit injected ends
/// a call early.
///
/// ```swift
/// var configuration = ScenarioRunner.Configuration(seed: 7)
/// configuration.stalls = .pure           // judge the implementation's own timeout
/// ```
public enum StallPolicy: Sendable, Hashable, CustomStringConvertible {
    /// A stall lasts until the implementation gives up (or the kit's per-call timeout passes).
    case pure
    /// A stall ends after this much real time with a reset.
    case resetAfter(Duration)

    /// The policy of embedded runs and the kit's tests: a reset after 200 ms.
    public static let bounded = StallPolicy.resetAfter(.milliseconds(200))

    /// The platform timeout of implementations the kit runs itself (the in-process reference, the
    /// gallery's mutants) under bounded stalls: generous, since only an injected stall may end a
    /// platform request early.
    public static let healthyPlatformTimeout: Duration = .seconds(30)

    /// The mock's stall limit (nil: pure).
    public var limit: Duration? {
        switch self {
        case .pure: nil
        case .resetAfter(let limit): limit
        }
    }

    public var description: String {
        switch self {
        case .pure: "pure (until the implementation gives up)"
        case .resetAfter(let limit): "reset after \(limit)"
        }
    }
}

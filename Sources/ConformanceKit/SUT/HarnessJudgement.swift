import KitPrimitives

/// Whether a call that gave no usable answer is the implementation's failure or the kit's error.
///
/// | harness error | verdict | rule |
/// |---|---|---|
/// | ``HarnessError/Code/secretInAnswer`` | failure | no apiToken in any answer |
/// | ``HarnessError/Code/contractViolation`` | failure | the answer's shape in the profile |
/// | ``HarnessError/Code/timeout`` while the kit had a platform request stall | failure | give up on a stalled platform (NetworkError) within the call timeout |
/// | anything else (unreachable, connection lost, not JSON, not HTTP, 5xx, 404) | error | — |
///
/// The stall rule only applies to stalls the kit injected: a healthy platform's slow answer on a
/// busy machine never turns into a failure.
public enum HarnessJudgement: Sendable, Hashable {
    /// The implementation broke a rule: the case fails.
    case brokeRule(BrokenRule)
    /// The kit could not judge: the case errors.
    case couldNotJudge

    /// A rule the answer (or its absence) broke.
    public struct BrokenRule: Sendable, Hashable {
        /// Which rule.
        public var kind: Kind
        /// The mismatch a report shows.
        public var mismatch: Mismatch
    }

    /// The rules a harness error can show broken.
    public enum Kind: String, Sendable, Hashable {
        case secrecy, contract, stallNotAbandoned = "stall-not-abandoned"
    }

    /// Judges `error` for `call`; `platformStalled` says whether the kit stalled a platform request
    /// during the call, `callTimeout` is the time the implementation had (nil: the adapter's own).
    public static func judge(_ error: HarnessError, call: String, platformStalled: Bool, callTimeout: Duration? = nil) -> HarnessJudgement {
        let within = callTimeout.map { "within \($0)" } ?? "within the call timeout"
        switch error.code {
        case .secretInAnswer:
            return .brokeRule(BrokenRule(kind: .secrecy, mismatch: Mismatch(
                path: "secrecy", expected: "no apiToken in any answer",
                actual: "an apiToken given to connectSource (not shown)")))
        case .contractViolation:
            return .brokeRule(BrokenRule(kind: .contract, mismatch: Mismatch(path: "wire", expected: "an answer in the profile's shape", actual: error.message)))
        case .timeout where platformStalled:
            return .brokeRule(BrokenRule(kind: .stallNotAbandoned, mismatch: Mismatch(
                path: "timeout", expected: "NetworkError: give up on a stalled platform \(within)",
                actual: "\(call) did not answer \(within) while the platform stalled a request")))
        default:
            return .couldNotJudge
        }
    }
}

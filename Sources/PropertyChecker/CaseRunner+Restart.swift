import ConformanceKit
extension CaseRunner {
    /// Crashes and restarts the implementation, then checks at once that its state equals the
    /// model's: nothing answered before the crash is lost, duplicated or changed. A difference found
    /// by this check is reported as ``Violation/Code/notDurable`` (with the query's mismatch), a
    /// restart that fails as a harness violation.
    package mutating func restart(_ implementation: any RestartableImplementation) async {
        switch await implementation.restart() {
        case .failure(let error):
            fail(
                .harness, call: "restart()",
                mismatch: Mismatch(path: "", expected: "the implementation answers again after a restart", actual: "\(error)"),
                clauses: [])
            return
        case .success:
            history.append(step: step, .note("the implementation crashed and restarted"))
        }
        await probe()
        guard var found = violation, ![.harness, .tokenLeak, .tokenSentElsewhere, .wireContract, .stallNotAbandoned].contains(found.code) else { return }
        let note = "found right after a crash-restart (as \(found.code))"
        found.mismatch.detail = found.mismatch.detail.map { $0 + "\n" + note } ?? note
        found.code = .notDurable
        violation = found
    }
}

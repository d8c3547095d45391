import ConceptValues
import KitPrimitives

/// The model's side of platforms without modification times (GitHub Classroom).
///
/// A connector for such a platform must make up `externalModificationTimestamp` itself, and the
/// kit holds it to the two rules the concept needs of any timestamp source: unchanged content keeps
/// the timestamp it had at the last successful poll (exactly, or `identifyChanges` reports it again),
/// and changed content gets a strictly newer one (or the edit is never reported). New content may
/// get any instant.
///
/// The model keeps a ``StampLedger`` (its own statement of the rule, not the reference's ledger) per source (``ModelSource/ledger``) built from what each
/// successful poll returned, so it holds the implementation's own stamps:
/// - on the virtual clock (in-process) it predicts every stamp exactly with
///   ``StampLedger/stamp(_:now:)`` (poll time for new or changed content, the earlier stamp +
///   1 ms when the clock has not moved);
/// - on an implementation's own clock (over HTTP) a stamp is judged against the ledger instead
///   (``PlatformListExpectation/ownClockLedger``): equal to the earlier one for unchanged content,
///   strictly after it for changed content, any instant for new content.
///
/// ```swift
/// let expected = model.expectedPoll(of: "source-1", token: token, on: platform)   // stamped
/// model.apply(.pollExternalSource(sourceAccount: "source-1"), result: answer, platform: context)   // commits the ledger
/// ```
extension SyncModel {
    /// Whether this model's sources get their timestamps from fingerprints (GitHub Classroom).
    public var stampsByFingerprint: Bool { platform == .gitHubClassroom }

    /// What a successful poll of source `id` (nil: a source not yet connected) holding `token` must
    /// return from `platform` now, stamped through the source's ledger; nil when the token is not
    /// usable. Nothing is committed.
    public func expectedPoll(of id: String?, token: String, on platform: SimulatedPlatform) -> [RawExternalAssignment]? {
        platform.expectedPoll(token: token, ledger: ledger(of: id))?.assignments
    }

    /// The ledger of source `id` (empty for an unknown source, or on a platform with timestamps).
    public func ledger(of id: String?) -> StampLedger {
        id.flatMap { source($0)?.ledger } ?? StampLedger()
    }

    /// The ledger after a successful poll returned `list` (checked against the expectation, so each
    /// externalId once): each item's details with the timestamp the implementation gave it.
    package static func ledger(after list: [RawExternalAssignment]) -> StampLedger {
        StampLedger(recording: list)
    }

    /// The ledger a poll of `source` is judged against on an implementation's own clock (nil: stamps
    /// are compared exactly).
    package func ownClockLedger(of source: ModelSource) -> StampLedger? {
        stampsByFingerprint && policy.match.clock == .own ? source.ledger : nil
    }
}

extension PlatformListExpectation {
    /// Why `item`'s timestamp breaks the ledger rules, or nil when it keeps them: unchanged content
    /// keeps the ledger's stamp, changed content is strictly newer, new content is any instant.
    package static func stampProblem(_ item: RawExternalAssignment, ledger: StampLedger) -> (expected: String, actual: String)? {
        ledger.problem(with: item)
    }

    /// `list` with each timestamp that keeps the ledger rules replaced by the expected version's
    /// (the one with the same details), so the exact comparison that follows judges the rest; or
    /// the mismatch of the first timestamp that breaks them.
    package func normalizingStamps(_ list: [RawExternalAssignment], ledger: StampLedger) -> (list: [RawExternalAssignment], mismatch: Mismatch?) {
        var out: [RawExternalAssignment] = []
        out.reserveCapacity(list.count)
        for item in list {
            if let (expected, actual) = Self.stampProblem(item, ledger: ledger) {
                return (list, Mismatch(
                    path: "rawExternalAssignments[externalId=\(item.externalId)].externalModificationTimestamp", expected: expected, actual: actual,
                    detail: "rule: a platform without modification times: stamps follow content (interpretation 16, Scenarios/README.md)"))
            }
            let versions = (required[item.externalId] ?? []) + (optional[item.externalId] ?? [])
            var normalized = item
            if let version = versions.first(where: { $0.details == item.details }) {
                normalized.externalModificationTimestamp = version.externalModificationTimestamp
            }
            out.append(normalized)
        }
        return (out, nil)
    }
}

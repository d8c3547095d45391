import ConceptValues
import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore

extension SimulatedPlatform {
    /// What the platform shows a sync client holding `token` now, as the concept sees it: for Canvas
    /// timestamped by `updated_at` (``CanvasOracle``), for GitHub Classroom fingerprinted
    /// (`name` = title, `description` = null, `dueDate` = deadline). Nil when the token is not usable.
    /// Not journaled.
    public func fetched(by token: String) -> FetchedAssignments? {
        guard let gitHubClassroom else {
            return CanvasOracle.visible(to: token, in: canvas).map(FetchedAssignments.timestamped)
        }
        return gitHubClassroom.assignmentsVisible(to: token).map { list in
            .fingerprinted(list.map(Self.fingerprinted))
        }
    }

    /// What a successful poll with `token` must return now, and the source's ledger after it.
    ///
    /// Canvas: the visible assignments with their `updated_at`; the ledger is returned unchanged.
    /// GitHub Classroom: the visible assignments stamped through `ledger` at ``now``
    /// (``StampLedger/stamp(_:now:)``, the kit's own statement of the rule); commit the returned
    /// ledger only when the poll succeeds.
    ///
    /// - Parameters:
    ///   - token: The source's apiToken.
    ///   - ledger: The source's ledger after its last successful poll (empty before the first).
    /// - Returns: Nil when the token is not usable (the poll must fail).
    public func expectedPoll(token: String, ledger: StampLedger) -> (assignments: [RawExternalAssignment], ledger: StampLedger)? {
        switch fetched(by: token) {
        case nil: nil
        case .timestamped(let list)?: (list.newestPerExternalId(), ledger)
        case .fingerprinted(let list)?: ledger.stamp(list.map { ($0.externalId, $0.details) }, now: now)
        }
    }

    /// What the *Canvas* world shows `token` now (in a GitHub Classroom run, the shadow's view): what
    /// the scenario's Canvas-worded expectations describe. Nil when the token is not usable there.
    public func canvasView(to token: String) -> [RawExternalAssignment]? {
        CanvasOracle.visible(to: token, in: canvas)
    }

    /// The concept's view of one GitHub Classroom assignment, before stamping.
    public static func fingerprinted(_ assignment: GitHubClassroomAssignment) -> FingerprintedAssignment {
        FingerprintedAssignment(
            externalId: String(assignment.id),
            details: ExternalAssignmentDetails(name: assignment.title, description: nil, dueDate: assignment.deadline))
    }
}

import ConceptValues
import KitPrimitives
import MockCanvas

/// The platform side of the model: what a poll with a token must return, read from the mock
/// Canvas's oracle (``MockCanvas/assignmentsVisible(to:)``) with the spec's Canvas mapping:
/// `externalId = String(id)`, `details = {name, description, dueDate = due_at}`,
/// `externalModificationTimestamp = updated_at`.
public enum CanvasOracle {
    /// What `token` can fetch from `canvas` now, or nil when the token is not usable.
    public static func visible(to token: String, in canvas: MockCanvas) -> [RawExternalAssignment]? {
        canvas.assignmentsVisible(to: token)?.map { raw($0.assignment, clock: canvas.now) }
    }

    /// The concept's view of one Canvas assignment.
    public static func raw(_ assignment: CanvasAssignment, clock: Timestamp) -> RawExternalAssignment {
        RawExternalAssignment(
            externalId: String(assignment.id),
            details: ExternalAssignmentDetails(name: assignment.name, description: assignment.description, dueDate: assignment.dueAt),
            externalModificationTimestamp: assignment.updatedAt ?? clock)
    }
}

import ConceptValues

/// The application's side of the principle: its internal assignments, each created for one
/// (source, externalId) when `identifyChanges` reported it as new, and updated when it reported it
/// as changed.
///
/// The checker's application driver keeps it while running the principle's loop, so the kit can
/// check what the concept promises the application: no duplicates, and a list that stays current.
public struct ApplicationModel: Sendable, Hashable {
    /// One internal assignment.
    public struct InternalAssignment: Sendable, Hashable {
        /// The id the application gave it (`app-1`, `app-2`, ...).
        public var id: String
        /// The source and external assignment it was created for.
        public var source: String
        public var externalId: String
        /// Its details, as last created or updated.
        public var details: ExternalAssignmentDetails
        /// Whether the application crashed after creating it and before `recordInternalSync`: the
        /// concept never learnt of it.
        public var orphanedByCrash: Bool
    }

    /// Every internal assignment, in creation order.
    public private(set) var assignments: [InternalAssignment] = []
    private var created = 0

    public init() {}

    /// Creates an internal assignment for `item` of `source` and returns its id.
    public mutating func create(source: String, item: AssignmentToProcess) -> String {
        created += 1
        let id = "app-\(created)"
        assignments.append(InternalAssignment(
            id: id, source: source, externalId: item.externalId, details: item.details, orphanedByCrash: false))
        return id
    }

    /// Updates the internal assignment `id`; false when the application has none with that id.
    public mutating func update(_ id: String, details: ExternalAssignmentDetails) -> Bool {
        guard let index = assignments.firstIndex(where: { $0.id == id }) else { return false }
        assignments[index].details = details
        return true
    }

    /// Marks `id` as created by a run that crashed before recording it.
    public mutating func markOrphanedByCrash(_ id: String) {
        guard let index = assignments.firstIndex(where: { $0.id == id }) else { return }
        assignments[index].orphanedByCrash = true
    }

    /// Whether the application has an internal assignment with `id`.
    public func contains(_ id: String) -> Bool {
        assignments.contains { $0.id == id }
    }

    /// The internal assignments created for `externalId` of `source`, in creation order.
    public func assignments(source: String, externalId: String) -> [InternalAssignment] {
        assignments.filter { $0.source == source && $0.externalId == externalId }
    }

    /// The externalIds it created internal assignments for under `source`, sorted.
    public func externalIds(source: String) -> [String] {
        Array(Set(assignments.filter { $0.source == source }.map(\.externalId))).sorted()
    }
}

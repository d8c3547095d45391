import ConceptValues

extension SyncModel {
    /// The spec's query error messages, verbatim.
    public enum QueryMessages {
        /// `_getMappedInternalId` when no mapping exists (also for a source that does not exist).
        public static func mappingNotFound(externalId: String, sourceAccount: String) -> String {
            "External assignment with ID '\(externalId)' not found for source '\(sourceAccount)'"
        }

        /// `_getAssignmentsForSource` when the source does not exist.
        public static let sourceAccountNotFound = "Source account not found"
    }

    package func expectMappedInternalId(_ externalId: String, _ id: String) -> Expectation {
        if let mapping = source(id)?.mappings[externalId] {
            return Expectation(
                success: .internalId(mapping.internalId), clauses: ["_getMappedInternalId.effects"], rule: "the mapping's internal assignment")
        }
        let delinked = disconnected.contains { $0.id == id }
        return Expectation(
            errors: .query(QueryMessages.mappingNotFound(externalId: externalId, sourceAccount: id)),
            clauses: ["_getMappedInternalId.error"] + (delinked ? ["principle.delink", "disconnectSource.effects.mappings-removed"] : []),
            rule: delinked ? "the source was disconnected: its mappings are gone" : "no such mapping")
    }

    package func expectAssignments(_ id: String) -> Expectation {
        if let source = source(id) {
            return Expectation(
                success: .mappings(source.mappings), clauses: ["_getAssignmentsForSource.effects"],
                rule: source.earlierIDs.isEmpty
                    ? "exactly the mappings recorded for this source"
                    : "exactly the mappings recorded since this reconnect (interpretation 9: a reconnect starts empty)")
        }
        let delinked = disconnected.contains { $0.id == id }
        return Expectation(
            errors: .query(QueryMessages.sourceAccountNotFound),
            clauses: ["_getAssignmentsForSource.error"] + (delinked ? ["principle.delink", "disconnectSource.effects.removed"] : []),
            rule: delinked ? "the source was disconnected" : "no such source")
    }
}

import ConformanceKit
/// The queries the invariants need, and the implementation's answers to them: every owner's
/// sources, every connected source's mappings, and for the most recently disconnected sources the
/// queries that must now fail (the delink invariant).
public struct StateProbe: Sendable, Hashable {
    /// One query and its answer.
    public struct Answer: Sendable, Hashable {
        public var call: ConceptCall
        public var result: ConceptResult

        public init(_ call: ConceptCall, _ result: ConceptResult) {
            self.call = call
            self.result = result
        }
    }

    /// The answers, in the order the queries were made.
    public var answers: [Answer]

    public init(answers: [Answer] = []) {
        self.answers = answers
    }

    /// How many disconnected sources each probe re-checks (the most recent ones).
    public static let disconnectedChecked = 4
    /// How many formerly mapped externalIds of each disconnected source it asks about.
    public static let formerMappingsChecked = 2

    /// The queries to make for `model`, with `owners` (every owner the case uses), in a fixed order.
    public static func queries(for model: SyncModel, owners: [String]) -> [ConceptCall] {
        var calls = owners.map { ConceptCall.getSourcesForUser(user: $0) }
        calls += model.sources.map { .getAssignmentsForSource(sourceAccount: $0.id) }
        for gone in model.disconnected.suffix(disconnectedChecked) {
            calls.append(.getAssignmentsForSource(sourceAccount: gone.id))
            for externalId in gone.formerlyMapped.prefix(formerMappingsChecked) {
                calls.append(.getMappedInternalId(externalId: externalId, sourceAccount: gone.id))
            }
        }
        return calls
    }
}

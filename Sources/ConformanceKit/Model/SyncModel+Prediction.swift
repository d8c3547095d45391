import ConceptValues
import KitPrimitives

extension SyncModel {
    /// The state a correct implementation ends in after `calls`, taken one at a time in this order,
    /// each giving an answer the model allows: a success where one is allowed (a new source gets the
    /// id `idPrefix` + a number), else an error, which changes nothing. Queries and
    /// `identifyChanges` change nothing either.
    ///
    /// The checker uses it for the state a concurrent phase must end in when the phase's final state
    /// is the same in every order (the shapes ``CommandGenerator/concurrentPhase(using:)`` draws).
    public func predicting(_ calls: [ConceptCall], idPrefix: String, context: (SyncModel, ConceptCall) -> PlatformContext) -> SyncModel {
        var model = self
        var made = 0
        for call in calls where !call.isQuery {
            let platform = context(model, call)
            guard let success = model.expectation(for: call, platform: platform).success else { continue }
            let result: ConceptResult
            switch success {
            case .newSource:
                made += 1
                result = .sourceAccount(idPrefix + String(made))
            case .empty:
                result = .empty
            case .rawAssignments(let list):
                result = .rawExternalAssignments(list.required.keys.sorted().compactMap { list.required[$0]?.first })
            default:
                continue
            }
            model.apply(call, result: result, platform: platform)
        }
        return model
    }
}

/// The output of ``SyncState/apply(_:)``: what the shell must do next, or the action's result.
public enum SyncEffect: Sendable, Hashable {
    /// Ask the `sourceType` platform whether `details` authenticate, then apply
    /// ``SyncCommand/finishConnect(_:outcome:newID:)``. Nothing was changed yet.
    case validate(sourceType: String, details: ConnectionDetails)
    /// Fetch the assignment list from the `sourceType` platform with `details`, then apply
    /// ``SyncCommand/finishPoll(_:outcome:now:)``. Nothing was changed yet.
    case fetch(sourceType: String, details: ConnectionDetails)
    /// `connectSource` succeeded: the new account's id.
    case connected(SourceAccountID)
    /// `pollExternalSource` succeeded: the assignments, each externalId once.
    case polled([RawExternalAssignment])
    /// `identifyChanges` succeeded: the assignments to create or update.
    case assignmentsToProcess([AssignmentToProcess])
    /// `disconnectSource` or `recordInternalSync` succeeded (the spec's empty result).
    case done
    /// The action failed; the state is unchanged.
    case failed(SyncError)
}

import ExternalAssignmentSync
import KitPrimitives
import Testing

extension SyncState {
    /// A state with Alice's "source-1" (``Fixtures/connectRequest(owner:name:details:)``) connected.
    static func aliceConnected(sourceLocation: SourceLocation = #_sourceLocation) -> SyncState {
        var state = SyncState()
        state.connectChecked(Fixtures.connectRequest(), id: "source-1", sourceLocation: sourceLocation)
        return state
    }

    /// Applies `command`, then checks every invariant, and that a failed or platform-asking command
    /// left the state unchanged.
    @discardableResult
    mutating func applyChecked(
        _ command: SyncCommand,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> SyncEffect {
        let before = self
        let effect = apply(command)
        #expect(invariantViolations() == [], "after \(command)", sourceLocation: sourceLocation)
        switch effect {
        case .failed, .validate, .fetch, .assignmentsToProcess:
            #expect(self == before, "\(effect) changed the state", sourceLocation: sourceLocation)
        case .connected, .polled, .done:
            break
        }
        return effect
    }

    /// Connects a source in both steps with a successful platform verdict; returns its id.
    @discardableResult
    mutating func connectChecked(
        _ request: ConnectRequest,
        id: SourceAccountID,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> SourceAccountID {
        let begin = applyChecked(.beginConnect(request), sourceLocation: sourceLocation)
        #expect(
            begin == .validate(sourceType: request.sourceType, details: request.details),
            sourceLocation: sourceLocation
        )
        let finish = applyChecked(
            .finishConnect(request, outcome: .success(()), newID: id),
            sourceLocation: sourceLocation
        )
        #expect(finish == .connected(id), sourceLocation: sourceLocation)
        return id
    }

    /// Records a mapping, expecting success.
    mutating func recordChecked(
        _ source: SourceAccountID,
        _ externalId: String,
        _ internalId: AssignmentID,
        _ modified: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let effect = applyChecked(
            .recordInternalSync(
                source,
                externalId: externalId,
                internalId: internalId,
                externalModificationTimestamp: Fixtures.timestamp(modified)
            ),
            sourceLocation: sourceLocation
        )
        #expect(effect == .done, sourceLocation: sourceLocation)
    }

    /// The changes `identifyChanges` reports, expecting success.
    func changes(
        _ source: SourceAccountID,
        _ raw: [RawExternalAssignment],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [AssignmentToProcess] {
        var copy = self
        guard
            case .assignmentsToProcess(let changes) = copy.applyChecked(
                .identifyChanges(source, rawExternalAssignments: raw),
                sourceLocation: sourceLocation
            )
        else {
            Issue.record("identifyChanges failed", sourceLocation: sourceLocation)
            return []
        }
        return changes
    }
}

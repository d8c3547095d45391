import KitPrimitives
import Logging

extension SyncService {
    /// The spec's `connectSource`: connects `owner` to a platform and returns the new account's id.
    ///
    /// Checks the name first: a duplicate fails without any platform request (interpretation 1, Scenarios/README.md). Then
    /// the `sourceType`'s connector validates the details, and the account is added with
    /// `lastSuccessfulPoll` nil, unless a concurrent connect took the name meanwhile.
    /// - Throws: `DuplicateSourceError`, `InvalidCredentialsError`, `NetworkError`; the kit codes
    ///   `UnsupportedSourceType` (no connector for `sourceType`), `StorageError`.
    public func connectSource(
        owner: UserID,
        sourceType: String,
        sourceName: String,
        details: ConnectionDetails
    ) async throws(SyncError) -> SourceAccountID {
        let request = ConnectRequest(owner: owner, sourceType: sourceType, sourceName: sourceName, details: details)
        let logger = logger([
            "action": "connectSource", "owner": "\(owner)", "sourceType": "\(sourceType)",
            "sourceName": "\(sourceName)",
        ])
        do {
            let id = try await connect(request, logger: logger)
            logger.info("connected source", metadata: ["sourceAccount": "\(id)"])
            return id
        } catch {
            logger.notice("connectSource failed", metadata: ["error": "\(error.code)", "reason": "\(error.message)"])
            throw error
        }
    }

    private func connect(_ request: ConnectRequest, logger: Logger) async throws(SyncError) -> SourceAccountID {
        let token = request.details.apiToken
        let (sourceType, details): (String, ConnectionDetails)
        switch try await apply(.beginConnect(request)) {
        case .validate(let type, let validated): (sourceType, details) = (type, validated)
        case .failed(let error): throw error
        case let effect: preconditionFailure("beginConnect answered \(effect)")
        }
        guard let connector = connectors[sourceType] else {
            throw SyncError(code: .unsupportedSourceType, message: "no connector for source type '\(sourceType)'")
        }
        let outcome: Result<Void, SyncError>
        do {
            try await connector.validate(details, logger: logger)
            outcome = .success(())
        } catch {
            outcome = .failure(Self.connectError(from: error).redacting(token))
        }
        let effect = try await withStore { state in
            // An id is drawn only for a connect that will be stored. One that the platform refused,
            // or that lost a race for its name, leaves the generator where it was, so the ids a run
            // issues do not depend on how concurrent connects interleave.
            let stored = (try? outcome.get()) != nil && !state.hasSource(owner: request.owner, named: request.sourceName)
            let newID = stored ? freshID(notIssuedIn: state) : SourceAccountID(rawValue: "")
            return state.apply(.finishConnect(request, outcome: outcome, newID: newID))
        }
        switch effect {
        case .connected(let id): return id
        case .failed(let error): throw error
        case let effect: preconditionFailure("finishConnect answered \(effect)")
        }
    }

    /// The spec's `disconnectSource`: removes the account and every mapping of it.
    /// - Throws: `SourceNotFound`; the kit code `StorageError`.
    public func disconnectSource(sourceAccount: SourceAccountID) async throws(SyncError) {
        let logger = logger(["action": "disconnectSource", "sourceAccount": "\(sourceAccount)"])
        switch try await apply(.disconnectSource(sourceAccount)) {
        case .done:
            logger.info("disconnected source")
        case .failed(let error):
            logger.notice("disconnectSource failed", metadata: ["error": "\(error.code)"])
            throw error
        case let effect:
            preconditionFailure("disconnectSource answered \(effect)")
        }
    }

    /// The spec's `pollExternalSource`: fetches the platform's current assignments.
    ///
    /// On success sets `lastSuccessfulPoll` to the wall time read when the result is committed (so
    /// concurrent polls commit in time order) and returns each externalId once (the newest, when the
    /// platform repeats one). A failure changes nothing. For a platform without modification times
    /// (GitHub Classroom) the timestamps come from the source's ``FingerprintLedger``, stamped at that
    /// same wall time and committed with it.
    /// - Throws: `SourceNotFound` (also when disconnected during the fetch), `NetworkError`,
    ///   `ApiRateLimitError`, `SourceConnectionError`; the kit codes `UnsupportedSourceType` (no
    ///   connector registered for the account's type), `StorageError`.
    public func pollExternalSource(sourceAccount: SourceAccountID) async throws(SyncError) -> [RawExternalAssignment] {
        let logger = logger(["action": "pollExternalSource", "sourceAccount": "\(sourceAccount)"])
        do {
            let assignments = try await poll(sourceAccount, logger: logger)
            logger.debug("polled source", metadata: ["assignments": "\(assignments.count)"])
            return assignments
        } catch {
            logger.notice(
                "pollExternalSource failed",
                metadata: ["error": "\(error.code)", "reason": "\(error.message)"]
            )
            throw error
        }
    }

    private func poll(_ id: SourceAccountID, logger: Logger) async throws(SyncError) -> [RawExternalAssignment] {
        let (sourceType, details): (String, ConnectionDetails)
        switch try await apply(.beginPoll(id)) {
        case .fetch(let type, let fetchDetails): (sourceType, details) = (type, fetchDetails)
        case .failed(let error): throw error
        case let effect: preconditionFailure("beginPoll answered \(effect)")
        }
        let token = details.apiToken
        guard let connector = connectors[sourceType] else {
            throw SyncError(code: .unsupportedSourceType, message: "no connector for source type '\(sourceType)'")
        }
        let outcome: Result<FetchedAssignments, SyncError>
        do {
            outcome = .success(try await connector.fetch(details, logger: logger))
        } catch {
            outcome = .failure(Self.pollError(from: error).redacting(token))
        }
        let effect = try await withStore { state in
            state.apply(.finishPoll(id, outcome: outcome, now: wallTime()))
        }
        switch effect {
        case .polled(let assignments): return assignments
        case .failed(let error): throw error
        case let effect: preconditionFailure("finishPoll answered \(effect)")
        }
    }

    /// The spec's `identifyChanges`: the new or changed assignments among `rawExternalAssignments`.
    ///
    /// Changes no state. See ``SyncState/identifyChanges(_:rawExternalAssignments:)`` for the rules.
    /// - Throws: `SourceNotFound`; the kit code `StorageError`.
    public func identifyChanges(
        sourceAccount: SourceAccountID,
        rawExternalAssignments: [RawExternalAssignment]
    ) async throws(SyncError) -> [AssignmentToProcess] {
        let logger = logger(["action": "identifyChanges", "sourceAccount": "\(sourceAccount)"])
        let result: Result<[AssignmentToProcess], SyncError>
        do {
            result = try await store.readState {
                $0.identifyChanges(sourceAccount, rawExternalAssignments: rawExternalAssignments)
            }
        } catch {
            result = .failure(Self.storageError(error))
        }
        switch result {
        case .success(let changes):
            logger.debug(
                "identified changes",
                metadata: ["given": "\(rawExternalAssignments.count)", "changed": "\(changes.count)"]
            )
            return changes
        case .failure(let error):
            logger.notice("identifyChanges failed", metadata: ["error": "\(error.code)"])
            throw error
        }
    }

    /// The spec's `recordInternalSync`: maps `externalId` in `sourceAccount` to `internalId` at
    /// `externalModificationTimestamp`, creating the mapping or overwriting it (even with an older
    /// timestamp, interpretation 10 (Scenarios/README.md)).
    /// - Throws: `SourceNotFound` (and no mapping is made); the kit code `StorageError`.
    public func recordInternalSync(
        sourceAccount: SourceAccountID,
        externalId: String,
        internalId: AssignmentID,
        externalModificationTimestamp: Timestamp
    ) async throws(SyncError) {
        let logger = logger([
            "action": "recordInternalSync", "sourceAccount": "\(sourceAccount)", "externalId": "\(externalId)",
        ])
        let command = SyncCommand.recordInternalSync(
            sourceAccount,
            externalId: externalId,
            internalId: internalId,
            externalModificationTimestamp: externalModificationTimestamp
        )
        switch try await apply(command) {
        case .done:
            logger.debug("recorded internal sync", metadata: ["internalId": "\(internalId)"])
        case .failed(let error):
            logger.notice("recordInternalSync failed", metadata: ["error": "\(error.code)"])
            throw error
        case let effect:
            preconditionFailure("recordInternalSync answered \(effect)")
        }
    }
}

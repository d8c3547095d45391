extension ClauseCatalogue {
    /// The spec's clauses, quoted from `spec/ExternalAssignmentSync.md`.
    package static let specClauses: [Clause] = principle + connect + disconnect + poll + identify + record + queries

    package static let principle: [Clause] = [
        Clause("principle", .principle, .must, "If a user connects an external assignment source with their credentials, then the system will establish and remember this connection. Subsequently, when the user requests an update, the system will fetch assignments from that source, identify only new or modified assignments based on previous syncs, and provide their details for the application to process (create or update), ensuring the application's assignment list remains current without creating duplicates. If the user later revokes access or removes the connection, all associated external assignments will be delinked from their internal counterparts.", source: "spec: principle"),
        Clause("principle.connect", .principle, .must, "If a user connects an external assignment source with their credentials, then the system will establish and remember this connection.", source: "spec: principle"),
        Clause("principle.update", .principle, .must, "When the user requests an update, the system will fetch assignments from that source, identify only new or modified assignments based on previous syncs, and provide their details for the application to process (create or update) ... without creating duplicates.", source: "spec: principle"),
        Clause("principle.delink", .principle, .must, "If the user later revokes access or removes the connection, all associated external assignments will be delinked from their internal counterparts.", source: "spec: principle"),
    ]

    package static let connect: [Clause] = [
        Clause("connectSource.requires.unique-name", .requires, .must, "No `ExternalSourceAccount` already exists for the `owner` with the same `sourceName`.", source: "spec: connectSource"),
        Clause("connectSource.requires.valid-details", .requires, .must, "The `details` are valid and allow successful authentication with the external platform API.", source: "spec: connectSource"),
        Clause("connectSource.effects.new-id", .effects, .must, "A new unique `ExternalSourceAccount` identifier is generated and returned.", source: "spec: connectSource"),
        Clause("connectSource.effects.stored", .effects, .must, "The new `ExternalSourceAccount` is added to the concept's state, storing its `owner`, `sourceType`, `sourceName`, and `connectionDetails`.", source: "spec: connectSource"),
        Clause("connectSource.effects.poll-null", .effects, .must, "`lastSuccessfulPoll` for the new `sourceAccount` is initialized to `null`.", source: "spec: connectSource"),
        Clause("connectSource.error.InvalidCredentialsError", .error, .must, "The provided `details` do NOT allow successful authentication with the external platform. Returns an `InvalidCredentialsError`.", source: "spec: connectSource (error: InvalidCredentialsError)"),
        Clause("connectSource.error.NetworkError", .error, .must, "A network error occurs while attempting to validate `details`. Returns a `NetworkError`.", source: "spec: connectSource (error: NetworkError)"),
        Clause("connectSource.error.DuplicateSourceError", .error, .must, "An `ExternalSourceAccount` already exists for the `owner` with the same `sourceName`. Returns a `DuplicateSourceError`.", source: "spec: connectSource (error: DuplicateSourceError)"),
    ]

    package static let disconnect: [Clause] = [
        Clause("disconnectSource.requires.exists", .requires, .must, "`sourceAccount` exists in the concept's state.", source: "spec: disconnectSource"),
        Clause("disconnectSource.effects.removed", .effects, .must, "The `sourceAccount` and its associated data (`owner`, `sourceType`, `sourceName`, `connectionDetails`, `lastSuccessfulPoll`) are removed from the concept's state.", source: "spec: disconnectSource"),
        Clause("disconnectSource.effects.mappings-removed", .effects, .must, "All mappings from `ExternalAssignmentId` to `Assignment` that are associated with the `sourceAccount` are removed.", source: "spec: disconnectSource"),
        Clause("disconnectSource.error.SourceNotFound", .error, .must, "`sourceAccount` does NOT exist in the concept's state. Returns a `SourceNotFound` error.", source: "spec: disconnectSource (error: SourceNotFound)"),
    ]

    package static let poll: [Clause] = [
        Clause("pollExternalSource.requires.exists", .requires, .must, "`sourceAccount` exists in the concept's state.", source: "spec: pollExternalSource"),
        Clause("pollExternalSource.requires.valid-details", .requires, .must, "`sourceAccount.connectionDetails` are valid and functional for accessing the external platform.", source: "spec: pollExternalSource"),
        Clause("pollExternalSource.effects.connects", .effects, .must, "Connects to the external platform using `sourceAccount.connectionDetails`.", source: "spec: pollExternalSource"),
        Clause("pollExternalSource.effects.retrieves", .effects, .must, "Retrieves the current list of assignments from the external platform, including their unique identifiers (`externalId`), their full details (`details`), and their latest modification timestamps (`externalModificationTimestamp`).", source: "spec: pollExternalSource"),
        Clause("pollExternalSource.effects.last-poll", .effects, .must, "`sourceAccount.lastSuccessfulPoll` is updated to the current time.", source: "spec: pollExternalSource"),
        Clause("pollExternalSource.effects.returns", .effects, .must, "Returns the raw list of assignments.", source: "spec: pollExternalSource"),
        Clause("pollExternalSource.error.NetworkError", .error, .must, "`sourceAccount` exists and a network error occurs during the external API call. Returns a `NetworkError`.", source: "spec: pollExternalSource (error: NetworkError)"),
        Clause("pollExternalSource.error.ApiRateLimitError", .error, .must, "`sourceAccount` exists and the external API returns a rate limit error. Returns an `ApiRateLimitError`.", source: "spec: pollExternalSource (error: ApiRateLimitError)"),
        Clause("pollExternalSource.error.SourceConnectionError", .error, .must, "`sourceAccount` exists and the external API call fails due to invalid credentials or similar connection issues. Returns a `SourceConnectionError`.", source: "spec: pollExternalSource (error: SourceConnectionError)"),
    ]

    package static let identify: [Clause] = [
        Clause("identifyChanges.requires.exists", .requires, .must, "`sourceAccount` exists in the concept's state.", source: "spec: identifyChanges"),
        Clause("identifyChanges.effects.new", .effects, .must, "If no ExternalAssignment exists with `source = sourceAccount` and `externalId = externalId` ... the assignment details are added to the `assignmentsToProcess` result.", source: "spec: identifyChanges"),
        Clause("identifyChanges.effects.newer", .effects, .must, "... OR if an ExternalAssignment exists but its `externalModificationTimestamp` is older than the one from `rawExternalAssignments`: the assignment details are added to the `assignmentsToProcess` result.", source: "spec: identifyChanges"),
        Clause("identifyChanges.effects.existing-id", .effects, .must, "`existingInternalId` is set to the `internalAssignment` from the matching ExternalAssignment if it exists, otherwise `null`.", source: "spec: identifyChanges"),
        Clause("identifyChanges.effects.returns", .effects, .must, "Returns the set of assignments identified for processing (only those: unchanged assignments are not in it).", source: "spec: identifyChanges"),
    ]

    package static let record: [Clause] = [
        Clause("recordInternalSync.requires.exists", .requires, .must, "`sourceAccount` exists in the concept's state.", source: "spec: recordInternalSync"),
        Clause("recordInternalSync.effects.update", .effects, .must, "If an ExternalAssignment exists with `source = sourceAccount` and `externalId = externalId`: updates its `internalAssignment` to `internalId` and `lastExternalModificationTimestamp` to `externalModificationTimestamp`.", source: "spec: recordInternalSync"),
        Clause("recordInternalSync.effects.create", .effects, .must, "Otherwise: creates a new ExternalAssignment with `source = sourceAccount`, `externalId = externalId`, `internalAssignment = internalId`, and `lastExternalModificationTimestamp = externalModificationTimestamp`.", source: "spec: recordInternalSync"),
    ]

    package static let queries: [Clause] = [
        Clause("_getSourcesForUser.requires", .query, .must, "`user` exists in the system (implicitly, as a generic parameter): a user with no sources gets an empty array, not an error.", source: "spec: _getSourcesForUser"),
        Clause("_getSourcesForUser.effects", .query, .must, "Returns an array of all `ExternalSourceAccount` entities where `owner` is `user`.", source: "spec: _getSourcesForUser"),
        Clause("_getMappedInternalId.requires", .query, .must, "An ExternalAssignment exists with `source = sourceAccount` and `externalId = externalId`.", source: "spec: _getMappedInternalId"),
        Clause("_getMappedInternalId.effects", .query, .must, "Returns the `internalAssignment` from the matching ExternalAssignment.", source: "spec: _getMappedInternalId"),
        Clause("_getAssignmentsForSource.requires", .query, .must, "`sourceAccount` exists in the concept's state.", source: "spec: _getAssignmentsForSource"),
        Clause("_getAssignmentsForSource.effects", .query, .must, "Returns an array of all ExternalAssignments where `source = sourceAccount`.", source: "spec: _getAssignmentsForSource"),
        Clause("_getMappedInternalId.error", .queryError, .must, "No ExternalAssignment exists with `source = sourceAccount` and `externalId = externalId`. Returns error message \"External assignment with ID '...' not found for source '...'\".", source: "spec: _getMappedInternalId (query error)"),
        Clause("_getAssignmentsForSource.error", .queryError, .must, "`sourceAccount` does NOT exist in the concept's state. Returns error message \"Source account not found\".", source: "spec: _getAssignmentsForSource (query error)"),
    ]
}

import ConformanceKit
import PropertyChecker
/// A deliberate mistake in the gallery's mutant implementation (``MutantImplementation``): the
/// checker must catch every one of them within its default budget (QuickCheck-state-machine's
/// `expectFailure`, QCheck's `neg_lin_test`).
public enum MutantBug: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// No mistake: the mutant must pass.
    case none
    /// `connectSource` accepts a second source with the same owner and name.
    case duplicateNameCheckMissing = "duplicate-name-check-missing"
    /// `disconnectSource` removes the source but keeps its mappings (`_getMappedInternalId` still answers).
    case disconnectKeepsMappings = "disconnect-keeps-mappings"
    /// `identifyChanges` reports an item whose timestamp equals the recorded one (`>=` for `>`).
    case timestampsGreaterOrEqual = "timestamps-greater-or-equal"
    /// The poll reads only the first page of each course's assignments.
    case onlyFirstPage = "only-first-page"
    /// A failed poll still sets `lastSuccessfulPoll`.
    case lastPollSetOnFailure = "last-poll-set-on-failure"
    /// `identifyChanges` on an unknown source reports every item as new instead of `SourceNotFound`.
    case identifyUnknownSourceAllNew = "identify-unknown-source-all-new"
    /// `recordInternalSync` on an unknown source succeeds and stores an orphan mapping.
    case recordUnknownSourceOrphan = "record-unknown-source-orphan"
    /// A transport failure while validating at `connectSource` is reported as `InvalidCredentialsError`
    /// (the misclassification a free-text error hides unless its class is checked).
    case networkErrorAtConnectAsInvalidCredentials = "network-error-at-connect-as-invalid-credentials"
    /// Canvas's rate limit (403/429) is reported as `NetworkError` instead of `ApiRateLimitError`.
    case rateLimitAsNetworkError = "rate-limit-as-network-error"
    /// `_getSourcesForUser` shows the token (in the base URL, as `?access_token=`).
    case tokenInSources = "token-in-sources"
    /// Reconnecting under the same name brings back the old source's mappings.
    case reconnectResurrectsMappings = "reconnect-resurrects-mappings"
    /// An externalId seen twice across pages (an item shifted between page fetches) is kept twice.
    case repeatedExternalIdKeptTwice = "repeated-external-id-kept-twice"
    /// Timestamps are compared as the RFC 3339 text they came in (`…59.25Z` sorts before `…59Z`,
    /// `07:00:00-06:00` before `12:00:00Z`), as a JavaScript server comparing strings does.
    case timestampsComparedAsText = "timestamps-compared-as-text"
    /// A failure on a later page returns the items read so far as a success (a partial list).
    case partialListOnPageFailure = "partial-list-on-page-failure"
    /// `identifyChanges` records what it reports (it must change no state).
    case identifyChangesRecords = "identify-changes-records"
    /// `recordInternalSync` never moves a timestamp backwards (it must overwrite, interpretation 10 (Scenarios/README.md)).
    case recordKeepsNewerTimestamp = "record-keeps-newer-timestamp"
    /// Source names are unique across all owners, not per owner.
    case namesUniqueAcrossOwners = "names-unique-across-owners"
    /// `identifyChanges` never fills `existingInternalId`, so updates look like new items.
    case existingInternalIdDropped = "existing-internal-id-dropped"
    /// `lastSuccessfulPoll` is set by the first successful poll only.
    case lastPollOnlyFirstSuccess = "last-poll-only-first-success"
    /// A disconnected source stays in `_getSourcesForUser`.
    case disconnectLeavesSourceListed = "disconnect-leaves-source-listed"
    /// Mappings are keyed by externalId alone: a second source recording the same platform item
    /// takes the first source's mapping over.
    case mappingsKeyedByExternalIdOnly = "mappings-keyed-by-external-id-only"
    /// `_getSourcesForUser` lists every owner's sources.
    case sourcesOfAllOwners = "sources-of-all-owners"
    /// `recordInternalSync` appends a mapping row instead of updating the existing one.
    case recordAppendsDuplicateMapping = "record-appends-duplicate-mapping"
    /// `connectSource` stores the source before validating the details and keeps it when they fail.
    case failedConnectKeepsSource = "failed-connect-keeps-source"
    /// GitHub Classroom: every poll stamps every assignment with the poll's time, unchanged ones too
    /// (the application is told of changes that never happened).
    case unchangedContentRestamped = "unchanged-content-restamped"
    /// GitHub Classroom: an assignment whose content changed keeps its earlier timestamp (the
    /// application is never told of the edit).
    case changedContentKeepsStamp = "changed-content-keeps-stamp"
    /// The Canvas client reads ids as JSON numbers into doubles (every JavaScript `JSON.parse`):
    /// above 2^53 an odd id becomes its even neighbour, so a course is fetched under an id that
    /// does not exist and an assignment is reported under another's externalId.
    case idsThroughDouble = "ids-through-double"
    /// Both clients follow `Link: rel="next"` wherever it points, with the token (a platform that
    /// links the next page to another origin is handed the token).
    case nextLinkLeavesOrigin = "next-link-leaves-origin"
    /// `connectSource` checks the name before validating the details and inserts after, without
    /// checking again: two connects with one owner and name at once both succeed (a store a round
    /// trip away, as most deployed servers have, widens the window).
    case duplicateCheckNotAtomic = "duplicate-check-not-atomic"
    /// `recordInternalSync` looks the mapping up, then inserts a row if it found none: two records
    /// of one assignment at once leave two mappings.
    case recordFindThenInsert = "record-find-then-insert"
    /// `recordInternalSync` checks the source, then writes the mapping without checking again: a
    /// disconnect in between leaves a mapping the disconnected source's id still answers for.
    case recordRacesDisconnect = "record-races-disconnect"

    public var description: String { rawValue }

    /// Every real bug (not ``none``).
    public static var gallery: [MutantBug] { allCases.filter { $0 != .none } }

    /// The platforms the bug means something on: the two fingerprint-stamping bugs exist only where
    /// the connector makes timestamps up (GitHub Classroom); every other bug is in the concept's
    /// state or in both clients, so it is caught on both.
    public var platforms: [SourcePlatform] {
        switch self {
        case .unchangedContentRestamped, .changedContentKeepsStamp: [.gitHubClassroom]
        case .idsThroughDouble: [.canvas]
        default: SourcePlatform.allCases
        }
    }

    /// Every (bug, platform) pair the gallery must catch.
    public static var galleryByPlatform: [(bug: MutantBug, platform: SourcePlatform)] {
        gallery.flatMap { bug in bug.platforms.map { (bug, $0) } }
    }

    /// The twelve the issue requires.
    public static let required: [MutantBug] = [
        .duplicateNameCheckMissing, .disconnectKeepsMappings, .timestampsGreaterOrEqual, .onlyFirstPage, .lastPollSetOnFailure,
        .identifyUnknownSourceAllNew, .recordUnknownSourceOrphan, .rateLimitAsNetworkError, .tokenInSources,
        .reconnectResurrectsMappings, .repeatedExternalIdKeptTwice, .timestampsComparedAsText,
    ]
}

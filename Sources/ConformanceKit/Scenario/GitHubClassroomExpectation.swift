import KitPrimitives

/// Rewrites a Canvas-worded expectation for a GitHub Classroom run of the same scenario.
///
/// - `sourceType: Canvas` anywhere becomes `GitHub Classroom`.
/// - In a poll's `rawExternalAssignments`: items the translation dropped (visible on Canvas, not on
///   GitHub: unpublished assignments) leave lists, and a `count` equal to Canvas's becomes GitHub's;
///   `details.description` becomes `null` (GitHub has no descriptions); `externalModificationTimestamp`
///   becomes the fingerprint rule's stamp for that item (``stamps``), whatever the file says.
/// - In `identifyChanges` and `_getAssignmentsForSource` answers, for items a poll of the source
///   returned: a timestamp equal to Canvas's `updated_at` for the item becomes the stamp the poll
///   gave it, and `details.description` becomes `null`; dropped items leave lists; an
///   `identifyChanges` count equal to what Canvas showed at that poll becomes what GitHub showed.
package struct GitHubClassroomExpectation {
    /// The source type GitHub Classroom runs connect with.
    package var sourceType: String
    /// Stamp matchers by externalId, for the poll being judged (nil for other calls).
    package var pollStamps: [String: Matcher]?
    /// How many items Canvas and GitHub show the token now (poll), or showed at the source's last
    /// successful poll (identifyChanges: a count equal to Canvas's then becomes GitHub's).
    package var canvasCount: Int?
    package var gitHubCount: Int?
    /// ExternalIds Canvas shows and GitHub does not.
    package var dropped: Set<String>
    /// For items earlier polls returned: Canvas's timestamp and the stamp the poll gave (by externalId).
    package var earlier: [String: ScenarioExecution.StampPair]
    /// On the implementation's own clock, the stamps to read literals against (``ScenarioExecution/StampRebase``).
    package var rebase: [String: [ScenarioExecution.StampRebase]] = [:]

    package func translate(_ matcher: Matcher) -> Matcher {
        switch matcher {
        case .object(let fields):
            return .object(fields.map { field in
                switch field.key {
                case "sourceType": Matcher.Field(field.key, sourceTypeMatcher(field.matcher))
                case "sources": Matcher.Field(field.key, list(field.matcher, isPoll: false) { translate($0) })
                case "rawExternalAssignments": Matcher.Field(field.key, list(field.matcher, isPoll: pollStamps != nil, item: pollItem))
                case "assignmentsToProcess": Matcher.Field(field.key, list(field.matcher, isPoll: canvasCount != nil, item: earlierItem))
                case "assignments": Matcher.Field(field.key, list(field.matcher, isPoll: false, item: earlierItem))
                default: field
                }
            })
        case .oneOf(let ms): return .oneOf(ms.map(translate))
        case .all(let ms): return .all(ms.map(translate))
        default: return matcher
        }
    }

    private func sourceTypeMatcher(_ matcher: Matcher) -> Matcher {
        if case .value(.string(SourcePlatform.canvas.sourceType)) = matcher { return .value(.string(sourceType)) }
        return matcher
    }

    /// A list-valued matcher with dropped items removed and each item rewritten.
    private func list(_ matcher: Matcher, isPoll: Bool, item: (Matcher) -> Matcher) -> Matcher {
        func kept(_ ms: [Matcher]) -> [Matcher] {
            ms.filter { Self.externalId(of: $0).map { !dropped.contains($0) } ?? true }.map(item)
        }
        switch matcher {
        case .set(let ms): return .set(kept(ms))
        case .list(let ms): return .list(kept(ms))
        case .contains(let ms): return .contains(kept(ms))
        case .count(let n) where isPoll && n == canvasCount: return .count(gitHubCount ?? n)
        case .all(let ms): return .all(ms.map { list($0, isPoll: isPoll, item: item) })
        case .oneOf(let ms): return .oneOf(ms.map { list($0, isPoll: isPoll, item: item) })
        default: return matcher
        }
    }

    private func pollItem(_ matcher: Matcher) -> Matcher {
        guard case .object(let fields) = matcher else { return matcher }
        let id = Self.externalId(of: matcher)
        return .object(fields.map { field in
            switch field.key {
            case "details": Matcher.Field(field.key, Self.withoutDescription(field.matcher))
            case "externalModificationTimestamp": Matcher.Field(field.key, id.flatMap { pollStamps?[$0] } ?? .any(.timestamp))
            default: field
            }
        })
    }

    private func earlierItem(_ matcher: Matcher) -> Matcher {
        guard case .object(let fields) = matcher, let id = Self.externalId(of: matcher), earlier[id] != nil || rebase[id] != nil else { return matcher }
        let pair = earlier[id]
        return .object(fields.map { field in
            switch field.key {
            case "details": return pair == nil ? field : Matcher.Field(field.key, Self.withoutDescription(field.matcher))
            case "externalModificationTimestamp", "lastExternalModificationTimestamp":
                guard case .value(let value) = field.matcher, let instant = value.instant else { return field }
                if let pair, instant == pair.canvas { return Matcher.Field(field.key, pair.stamp) }
                if let moved = ScenarioExecution.StampRebase.rebased(instant, rebase[id]) { return Matcher.Field(field.key, .value(.timestamp(moved))) }
                return field
            default: return field
            }
        })
    }

    /// `details` with any expected description replaced by `null`.
    package static func withoutDescription(_ matcher: Matcher) -> Matcher {
        guard case .object(let fields) = matcher else { return matcher }
        return .object(fields.map { $0.key == "description" ? Matcher.Field($0.key, .value(.null)) : $0 })
    }

    /// The literal externalId an item matcher names, if any.
    package static func externalId(of matcher: Matcher) -> String? {
        guard case .object(let fields) = matcher, let field = fields.first(where: { $0.key == "externalId" }),
            case .value(let value) = field.matcher
        else { return nil }
        return value.text
    }
}

import ConceptValues
import Foundation
import KitPrimitives
import ConformanceKit

/// Deterministic text renderings for histories, token scans and messages.
package enum ResultText {
    /// The whole answer in the scenario value syntax (`{sourceAccount: "source-1"}`), or
    /// `error <Name>: <message>`; never truncated, so a token anywhere in it is found.
    package static func render(_ result: ConceptResult) -> String {
        switch result.actual {
        case .success(let value): value.description
        case .failure(let error): "error \(error.kind.rawValue) \(error)"
        }
    }

    /// Compact JSON with sorted keys (for world changes and fault rules).
    package static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "\(value)" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The first of `secrets` that occurs in `text`.
    package static func leakedSecret(in text: String, secrets: [String]) -> String? {
        secrets.first { !$0.isEmpty && text.contains($0) }
    }

    /// The first of `secrets` that occurs in any text of `result` (without rendering it whole).
    package static func leakedSecret(in result: ConceptResult, secrets: [String]) -> String? {
        var leaked: String?
        let prefix = commonPrefix(secrets)
        forEachField(in: result) { text, _ in
            if leaked == nil, contains(text, prefix) { leaked = leakedSecret(in: text, secrets: secrets) }
        } instant: { _ in }
        return leaked
    }

    /// The longest prefix every secret shares (`tok-` for the checker's tokens): a cheap first filter.
    package static func commonPrefix(_ secrets: [String]) -> [UInt8] {
        guard var prefix = secrets.first.map({ Array($0.utf8) }) else { return [] }
        for secret in secrets.dropFirst() {
            prefix = Array(zip(prefix, secret.utf8).prefix { $0 == $1 }.map(\.0))
        }
        return prefix
    }

    /// Whether `text`'s UTF-8 contains `pattern` (byte search; no Foundation).
    package static func contains(_ text: String, _ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty else { return true }
        let bytes = Array(text.utf8)
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    /// Every field of `result`, in a fixed order: texts (with whether they may quote a URL or a name,
    /// i.e. need normalizing for the digest) and instants. Feeds the history digest and the token
    /// scan without rendering the answer.
    package static func forEachField(in result: ConceptResult, text: (String, Bool) -> Void, instant: (Timestamp?) -> Void) {
        func details(_ details: ExternalAssignmentDetails) {
            text(details.name, false)
            text(details.description ?? "\u{0}", false)
            instant(details.dueDate)
        }
        switch result {
        case .sourceAccount(let id): text("sourceAccount", false); text(id, false)
        case .empty: text("empty", false)
        case .rawExternalAssignments(let list):
            text("raw", false)
            for item in list {
                text(item.externalId, false)
                details(item.details)
                instant(item.externalModificationTimestamp)
            }
        case .assignmentsToProcess(let list):
            text("changes", false)
            for item in list {
                text(item.externalId, false)
                details(item.details)
                instant(item.externalModificationTimestamp)
                text(item.existingInternalId?.rawValue ?? "\u{0}", false)
            }
        case .sources(let views):
            text("sources", false)
            for view in views {
                [view.id, view.owner, view.sourceType, view.sourceName, view.baseUrl].forEach { text($0 ?? "\u{0}", true) }
                switch view.lastSuccessfulPoll {
                case .absent: text("absent", false)
                case .never: text("null", false)
                case .at(let stamp): instant(stamp)
                }
            }
        case .internalId(let id): text("internalId", false); text(id, false)
        case .assignments(let views):
            text("assignments", false)
            for view in views {
                text(view.externalId, false)
                text(view.internalAssignment, false)
                instant(view.lastExternalModificationTimestamp)
                text(view.source ?? "\u{0}", false)
            }
        case .error(let error):
            text("error \(error.kind.rawValue)", false)
            text(error.name ?? "\u{0}", false)
            text(error.message, true)
        }
    }
}

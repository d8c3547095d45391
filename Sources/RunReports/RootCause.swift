import KitPrimitives
import ConformanceKit
import PropertyChecker

/// What a failed or errored result says went wrong, with the particulars taken out, so results with
/// one cause fall into one group: the call, the rule or field, and the message with quoted text,
/// URLs, timestamps and numbers normalized.
///
/// A token leak seen by 22 scenarios is one cause with 22 results; a CI tool counts distinct
/// problems by ``key`` (the report's `root.cause` property).
public struct RootCause: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `fail` or `error`.
    public var outcome: ScenarioVerdict.Outcome
    /// The call that failed (`_getSourcesForUser`), or `-` when none did.
    public var call: String
    /// The rule or field: the mismatch's path with indices and filters normalized, or the error code.
    public var rule: String
    /// The message, normalized.
    public var message: String

    /// A short stable key (`rc-` and 8 hex digits of the signature).
    public var key: String { "rc-" + String(StableHash.hex(StableHash.fnv1a64(description)).prefix(8)) }

    /// One line: `FAIL _getSourcesForUser at secrecy: expected no apiToken in any answer`.
    public var description: String {
        "\(outcome == .error ? "ERROR" : "FAIL") \(call) at \(rule): \(message)"
    }

    public static func < (lhs: RootCause, rhs: RootCause) -> Bool { lhs.description < rhs.description }

    /// The cause of `verdict` (a pass or skip has none).
    public static func of(_ verdict: ScenarioVerdict) -> RootCause? {
        switch verdict.outcome {
        case .pass, .skip:
            return nil
        case .fail:
            guard let failure = verdict.failure else {
                return RootCause(outcome: .fail, call: "-", rule: "-", message: normalize(verdict.reason ?? ""))
            }
            let call = failure.summary.split(separator: " ", maxSplits: 1).first.map(String.init) ?? "-"
            let mismatch = failure.mismatch
            return RootCause(
                outcome: .fail, call: call, rule: normalizePath(mismatch.path.isEmpty ? "the result" : mismatch.path),
                message: "expected \(normalize(mismatch.expected)), got \(kind(of: mismatch.actual))")
        case .error:
            let reason = verdict.reason ?? ""
            // `step 3 (line 9): connectSource: timeout: …`: the call named before its harness error.
            let call = ConceptCall.names.first { reason.contains(" \($0): ") || reason.hasPrefix("\($0): ") } ?? "-"
            return RootCause(outcome: .error, call: call, rule: verdict.errorCode ?? "error", message: normalize(reason))
        }
    }

    /// What an actual answer is, without its particulars: `error NetworkError`, `a list`, `a value`.
    static func kind(of actual: String) -> String {
        if actual.hasPrefix("error ") {
            return "error " + (actual.dropFirst(6).split(whereSeparator: { $0 == ":" || $0 == " " }).first.map(String.init) ?? "")
        }
        if actual.hasPrefix("[") { return "a list" }
        if actual.hasPrefix("{") { return "an object" }
        return normalize(String(actual.prefix(80)))
    }

    /// `rawExternalAssignments[externalId=50002].details[3]` → `rawExternalAssignments[…].details[…]`.
    static func normalizePath(_ path: String) -> String {
        var out = ""
        var depth = 0
        for character in path {
            if character == "[" {
                if depth == 0 { out += "[…]" }
                depth += 1
            } else if character == "]" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                out.append(character)
            }
        }
        return out
    }

    /// The message with quoted text as `"…"`, URLs as `<url>`, instants as `<time>` and numbers as `N`,
    /// capped at 160 characters.
    static func normalize(_ text: String) -> String {
        var out = ""
        var index = text.startIndex
        func at(_ prefix: String) -> Bool { text[index...].hasPrefix(prefix) }
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" || character == "'" {
                let close = text[text.index(after: index)...].firstIndex(of: character)
                out += "\(character)…\(character)"
                index = close.map { text.index(after: $0) } ?? text.endIndex
            } else if at("http://") || at("https://") {
                out += "<url>"
                index = text[index...].firstIndex(where: { $0 == " " || $0 == "," || $0 == ")" || $0 == ";" }) ?? text.endIndex
            } else if character.isNumber {
                let end = text[index...].firstIndex(where: { !($0.isNumber || "-:.TZ+".contains($0)) }) ?? text.endIndex
                let token = text[index..<end]
                out += token.contains("T") && token.contains(":") ? "<time>" : "N"
                index = end
                // `1 element` and `2 elements` are one cause.
                if text[index...].hasPrefix(" element"), !text[index...].hasPrefix(" elements") {
                    out += " elements"
                    index = text.index(index, offsetBy: " element".count)
                }
            } else {
                out.append(character)
                index = text.index(after: index)
            }
        }
        return out.count > 160 ? String(out.prefix(160)) + "…" : out
    }
}

/// Unexpected results grouped by root cause, biggest group first.
public struct RootCauseGroup: Sendable, Hashable {
    public var cause: RootCause
    /// The results with this cause, in run order.
    public var verdicts: [ScenarioVerdict]

    /// Groups `verdicts` (passes and skips are left out): biggest first, then by cause.
    public static func groups(_ verdicts: [ScenarioVerdict]) -> [RootCauseGroup] {
        var order: [RootCause] = []
        var members: [RootCause: [ScenarioVerdict]] = [:]
        for verdict in verdicts {
            guard let cause = RootCause.of(verdict) else { continue }
            if members[cause] == nil { order.append(cause) }
            members[cause, default: []].append(verdict)
        }
        return order.map { RootCauseGroup(cause: $0, verdicts: members[$0] ?? []) }
            .sorted { ($0.verdicts.count, $1.cause) > ($1.verdicts.count, $0.cause) }
    }
}

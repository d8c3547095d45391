import ConformanceKit
/// How strictly the HTTP adapter reads an implementation's answers (README, "The wire contract").
///
/// Both profiles send the same requests: `POST {base}/ExternalAssignmentSync/{name}` with a JSON object
/// of the spec's named arguments, timestamps as RFC 3339 strings. They differ in what answers they accept:
///
/// | answer | `strict` | `compat-6104` |
/// |---|---|---|
/// | action error | `{"error": "Name: message"}`, name read from the prefix | any `{"error": text}`; a name only when the text starts with a spec error name |
/// | query result | a JSON array: `[{"sources": [...]}]`, `[{"internalId": id}]`, `[{"assignments": [...]}]` (or `[]`) | also wrapped (`{"sources": [...]}`) or an array of raw objects (`[{"_id": ..., ...}]`) |
/// | timestamps | RFC 3339 strings | also numbers (epoch milliseconds) |
/// | `lastSuccessfulPoll` | present on every source object (`null` before the first successful poll) | may be absent |
/// | `dueDate`, `description`, `existingInternalId` | present (`null` when there is none) | may be absent (read as `null`) |
/// | ids | strings | strings or integers |
/// | `_getMappedInternalId` answering `[]` | protocol violation | the query's error ("no mapping") |
///
/// In both, a query error is `{"error": "<the spec's exact message>"}` (an object, not an array), and
/// any other answer shape is a ``HarnessError/Code/contractViolation`` naming the field.
public enum WireProfile: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The kit's contract (README, "The wire contract"), which `conformance serve` speaks.
    case strict
    /// What 6.104 (Fall 2025) concept servers do in practice (research/concept-conventions.md).
    case compat6104 = "compat-6104"

    /// `strict` or `compat-6104`.
    public var description: String { rawValue }

    /// Whether answers in 6.104 dialects (free-text errors, wrapped queries, epoch milliseconds,
    /// absent fields, numeric ids) are accepted.
    var isLenient: Bool { self == .compat6104 }
}

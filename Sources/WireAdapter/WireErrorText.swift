import ConceptValues
import ConformanceKit

/// Reads the text of an `{"error": …}` answer into a ``ConceptError``.
///
/// - strict: `"<ErrorName>: <message>"` or `"<ErrorName>"` alone, where the name is an identifier
///   (letters, digits, `_`); the name is taken as sent, so kit codes (`InvalidArgument`) and wrong
///   names (`DuplicateError`) both come through for the scenario to judge. Text without such a prefix
///   is an error without a name.
/// - compat-6104: 6.104 servers return free text (`"A source named X already exists"`), so only a
///   text that starts with one of the spec's six error names (followed by the end, `:`, `-`, a space
///   or `(`) gets a name; anything else is an error without a name (error presence only).
package enum WireErrorText {
    /// The action error that `text` reports; a text without a name gets one from `names` (the
    /// adapter file's `errors:` rules) when a rule matches.
    package static func actionError(_ text: String, profile: WireProfile, names: ErrorNameMap? = nil) -> ConceptError {
        let (name, message) = profile.isLenient ? specNamePrefix(text) : identifierPrefix(text)
        return ConceptError(kind: .action, name: name ?? names?.name(for: text), message: message)
    }

    /// The query error that `text` reports (its message, verbatim).
    package static func queryError(_ text: String) -> ConceptError {
        ConceptError(kind: .query, name: nil, message: text)
    }

    /// `Name: message` or `Name` → (Name, message); otherwise (nil, text).
    package static func identifierPrefix(_ text: String) -> (String?, String) {
        let nameEnd = text.firstIndex { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_")) } ?? text.endIndex
        let name = text[..<nameEnd]
        guard let first = name.first, first.isLetter || first == "_" else { return (nil, text) }
        if nameEnd == text.endIndex { return (String(name), "") }
        guard text[nameEnd] == ":" else { return (nil, text) }
        let rest = text[text.index(after: nameEnd)...]
        return (String(name), String(rest.drop { $0 == " " }))
    }

    /// A spec error name at the start of `text` → (name, the rest without separators); else (nil, text).
    package static func specNamePrefix(_ text: String) -> (String?, String) {
        for name in ConceptVocabulary.errorNames where text.hasPrefix(name) {
            let rest = text.dropFirst(name.count)
            guard let next = rest.first else { return (name, "") }
            guard [":", "-", " ", "("].contains(next) else { continue }
            return (name, String(rest.drop { $0 == ":" || $0 == "-" || $0 == " " }))
        }
        return (nil, text)
    }
}

/// Replaces every secret the run knows with `[REDACTED]`, in every field of a report.
///
/// A secret is caught when it appears in the text
/// - as written;
/// - JSON- or JavaScript-escaped, character by character and in any mix: `\/`, `\"`, `\'`, `\\`,
///   `\n` `\r` `\t` `\b` `\f`, `\uXXXX` (either hex case, surrogate pairs for characters beyond
///   U+FFFF) and `\xXX`; escapes nested by repeated encoding (`\\\/`, `\\u0074`) count too;
/// - percent-encoded for ASCII characters (`%2F`, `%2f`);
/// - split across lines between any two of its characters: optional spaces or tabs, one line break
///   (`\n`, `\r\n` or `\r`, raw or as the two-character escapes `\n` / `\r\n`), then optional spaces or
///   tabs (the indentation of a wrapped log line). Several breaks in one secret are fine.
///
/// It does not catch secrets that are base64-encoded, hashed, split by other characters (for example
/// a control character or a log prefix on the continuation line), or changed in case.
///
/// Secrets are matched longest first, so a secret that contains another is removed whole. Empty
/// secrets are ignored. Secrets shorter than 4 characters are still redacted: leaking a short secret
/// is still a leak, even though it may also blank out unrelated text that happens to match.
public struct Redactor: Sendable, Hashable {
    /// The replacement text.
    public static let placeholder = "[REDACTED]"

    /// A redactor that knows no secrets and returns text unchanged.
    public static let none = Redactor(secrets: [])

    /// The known secrets, longest first, without duplicates or empty strings.
    public let secrets: [String]

    private let patterns: [SecretPattern]

    /// Creates a redactor for `secrets`.
    public init(secrets: some Sequence<String>) {
        let unique = Set(secrets.filter { !$0.isEmpty })
        let ordered = unique.sorted { lhs, rhs in
            let lhsCount = lhs.unicodeScalars.count
            let rhsCount = rhs.unicodeScalars.count
            return lhsCount != rhsCount ? lhsCount > rhsCount : lhs < rhs
        }
        self.secrets = ordered
        self.patterns = ordered.map(SecretPattern.init)
    }

    /// Whether this redactor knows no secrets.
    public var isEmpty: Bool { secrets.isEmpty }

    /// Returns `text` with every occurrence of every secret replaced by ``placeholder``.
    public func redact(_ text: String) -> String {
        guard !patterns.isEmpty, !text.isEmpty else { return text }
        var bytes = Array(text.utf8)
        var changed = false
        for pattern in patterns {
            if let replaced = Self.replacingMatches(of: pattern, in: bytes) {
                bytes = replaced
                changed = true
            }
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// Decodes `bytes` as UTF-8 (invalid sequences become U+FFFD) and redacts the result.
    public func redact(bytes: some Collection<UInt8>) -> String {
        redact(JUnitTextSanitizer.decodeLossy(bytes))
    }

    /// Whether any secret occurs in `text` in one of the forms listed in the type's documentation.
    public func containsSecret(_ text: String) -> Bool {
        guard !patterns.isEmpty, !text.isEmpty else { return false }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            patterns.contains { pattern in
                let matcher = SecretMatcher(pattern: pattern, text: buffer)
                for start in buffer.indices where matcher.match(from: start) != nil {
                    return true
                }
                return false
            }
        }
    }

    public static func == (lhs: Redactor, rhs: Redactor) -> Bool {
        lhs.secrets == rhs.secrets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(secrets)
    }

    /// The bytes with every match of `pattern` replaced, or `nil` when there is no match.
    private static func replacingMatches(of pattern: SecretPattern, in bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
            let matcher = SecretMatcher(pattern: pattern, text: buffer)
            var output: [UInt8] = []
            var copiedUpTo = 0
            var index = 0
            var found = false
            while index < buffer.count {
                if let end = matcher.match(from: index) {
                    if !found {
                        output.reserveCapacity(buffer.count)
                        found = true
                    }
                    output.append(contentsOf: buffer[copiedUpTo..<index])
                    output.append(contentsOf: placeholder.utf8)
                    index = end
                    copiedUpTo = end
                } else {
                    index += 1
                }
            }
            guard found else { return nil }
            output.append(contentsOf: buffer[copiedUpTo...])
            return output
        }
    }
}

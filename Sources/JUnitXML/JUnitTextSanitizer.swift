/// Makes arbitrary text safe to put in an XML 1.0 document, without losing what it said.
///
/// XML 1.0 allows only TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and U+10000–U+10FFFF, and character
/// references cannot express the rest, so one NUL or ANSI escape makes a whole report unparseable
/// (and many CI systems then show zero tests: a false green). libxml2's writer escapes `&`, `<`, `>` and
/// quotes but passes invalid characters through, so every value is cleaned here first:
///
/// - each forbidden scalar becomes visible text: C0 controls as `\x1B` (two upper-case hex digits),
///   U+FFFE and U+FFFF as `\uFFFE` / `\uFFFF` (pytest writes `#x1B` for the same purpose);
/// - bytes that are not UTF-8 (including UTF-8-encoded lone surrogates such as `ED A0 80`) are decoded
///   as U+FFFD by ``decodeLossy(_:)``; Swift strings cannot hold lone surrogates at all;
/// - `]]>` needs no treatment because nothing is written as CDATA: libxml2 escapes `>` in text as `&gt;`;
/// - long text is cut by ``truncate(_:maxBytes:)`` at a scalar boundary with a visible marker.
public enum JUnitTextSanitizer {
    /// Whether `scalar` may appear in an XML 1.0 document (the `Char` production).
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Decodes bytes as UTF-8, replacing every invalid sequence with U+FFFD.
    public static func decodeLossy(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Replaces every character XML 1.0 forbids with a visible escape (`\x00`, `\x1B`, `\uFFFE`, `\uFFFF`).
    public static func escapeInvalidCharacters(_ text: String) -> String {
        guard containsInvalidCharacter(text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isXMLCharacter(scalar) {
                result.append(scalar)
            } else {
                result.append(contentsOf: visibleEscape(for: scalar).unicodeScalars)
            }
        }
        return String(result)
    }

    /// The text a forbidden scalar is replaced with.
    public static func visibleEscape(for scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.value < 0x100 {
            return "\\x" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex
        }
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The marker appended to truncated text: `… [truncated 123456 bytes]`.
    public static func truncationMarker(removedBytes: Int) -> String {
        "… [truncated \(removedBytes) bytes]"
    }

    /// Shortens `text` to at most `maxBytes` bytes of UTF-8 including the marker, cutting only between
    /// Unicode scalars. The marker counts the UTF-8 bytes removed. A limit smaller than the marker
    /// yields the marker alone.
    public static func truncate(_ text: String, maxBytes: Int) -> String {
        let total = text.utf8.count
        guard total > maxBytes else { return text }
        // The marker is sized for the largest possible count, so the result never exceeds the limit.
        let markerBudget = truncationMarker(removedBytes: total).utf8.count
        var kept = max(0, maxBytes - markerBudget)
        let utf8 = Array(text.utf8)
        while kept > 0, kept < utf8.count, utf8[kept] & 0xC0 == 0x80 {
            kept -= 1
        }
        let prefix = String(decoding: utf8[..<kept], as: UTF8.self)
        return prefix + truncationMarker(removedBytes: total - kept)
    }

    /// A fast byte scan: true if some scalar of `text` is not an XML 1.0 character.
    static func containsInvalidCharacter(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return true }
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                    return true
                }
                index += 1
            }
            return false
        }
    }
}

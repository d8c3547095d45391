/// The one path every value takes before it reaches libxml2: redact, escape, truncate.
///
/// 1. ``Redactor/redact(_:)`` replaces known secrets (first, so that truncation can never leave half a
///    secret behind, and escaping cannot hide one);
/// 2. ``JUnitTextSanitizer/escapeInvalidCharacters(_:)`` makes the text legal XML 1.0;
/// 3. ``JUnitTextSanitizer/truncate(_:maxBytes:)`` applies the field's byte limit with a marker.
///
/// libxml2 then escapes `&`, `<`, `>`, quotes, and line breaks in attributes.
public struct JUnitTextCleaner: Sendable, Hashable {
    /// What kind of field a value goes into; selects the byte limit.
    public enum Field: Sendable, Hashable {
        /// An attribute value (limit ``JUnitTextLimits/attributeBytes``).
        case attribute
        /// The text of `<failure>` or `<error>` (limit ``JUnitTextLimits/bodyBytes``).
        case body
        /// The text of `<system-out>` or `<system-err>` (limit ``JUnitTextLimits/outputBytes``).
        case output
    }

    /// The secrets to remove.
    public var redactor: Redactor
    /// The byte limits.
    public var limits: JUnitTextLimits

    /// Creates a cleaner.
    public init(redactor: Redactor = .none, limits: JUnitTextLimits = .default) {
        self.redactor = redactor
        self.limits = limits
    }

    /// Returns `text` redacted, made legal XML 1.0, and truncated to the field's limit.
    public func clean(_ text: String, as field: Field) -> String {
        let redacted = redactor.redact(text)
        let legal = JUnitTextSanitizer.escapeInvalidCharacters(redacted)
        return JUnitTextSanitizer.truncate(legal, maxBytes: limit(for: field))
    }

    /// Decodes `bytes` as UTF-8 (invalid sequences become U+FFFD), then cleans the text.
    public func clean(bytes: some Collection<UInt8>, as field: Field) -> String {
        clean(JUnitTextSanitizer.decodeLossy(bytes), as: field)
    }

    /// The byte limit of `field`.
    public func limit(for field: Field) -> Int {
        switch field {
        case .attribute: limits.attributeBytes
        case .body: limits.bodyBytes
        case .output: limits.outputBytes
        }
    }

    /// Cleans `text` and marks it safe for ``XMLTextWriter``.
    func safe(_ text: String, as field: Field) -> XMLSafeText {
        XMLSafeText(checked: clean(text, as: field))
    }

    /// Like ``safe(_:as:)``, but an empty result becomes `fallback` (for required, non-empty names).
    func safeName(_ text: String, fallback: String = "(unnamed)") -> XMLSafeText {
        let cleaned = clean(text, as: .attribute)
        return XMLSafeText(checked: cleaned.isEmpty ? fallback : cleaned)
    }
}

/// A property whose name and value have been cleaned.
struct CleanProperty: Hashable {
    let name: XMLSafeText
    let value: XMLSafeText
}

extension JUnitTextCleaner {
    /// Cleans a property's name (never empty) and value.
    func safe(_ property: JUnitProperty) -> CleanProperty {
        CleanProperty(name: safeName(property.name), value: safe(property.value, as: .attribute))
    }
}

/// Text that has been through ``JUnitTextCleaner`` (or is produced by this library, like numbers), so it
/// can be handed to libxml2. ``XMLTextWriter`` accepts nothing else.
struct XMLSafeText: Hashable {
    let string: String

    /// The text followed by ` #n`, used to make names unique. The suffix is ASCII produced here, so the
    /// result stays safe; it may exceed the field's byte limit by those few bytes (re-truncating could
    /// cut the suffix off and make the name collide again).
    func withSuffix(_ number: Int) -> XMLSafeText {
        XMLSafeText(checked: "\(string) #\(number)")
    }

    /// Wraps text already cleaned by ``JUnitTextCleaner``.
    fileprivate init(checked string: String) {
        self.string = string
    }

    /// A count formatted by the library.
    init(count: Int) {
        string = String(count)
    }

    /// A duration formatted by ``JUnitTimeFormat``.
    init(seconds: Double) {
        string = JUnitTimeFormat.string(seconds: seconds)
    }

    /// A timestamp; ``JUnitTimestamp`` only holds ASCII text of the schema's shape.
    init(timestamp: JUnitTimestamp) {
        string = timestamp.text
    }
}

/// How many bytes of UTF-8 each kind of field may take in the XML, including the truncation marker.
///
/// Limits apply after redaction and escaping. GitLab rejects report files over 30 MB, so the defaults
/// keep one pathological case from costing the whole report. Keep every limit below 10,000,000 bytes:
/// libxml2 (and so ``JUnitValidator`` and ``JUnitMerger``) refuses longer text nodes by default.
public struct JUnitTextLimits: Sendable, Hashable {
    /// Any attribute: names, classnames, messages, types, property names and values, file paths.
    public var attributeBytes: Int
    /// The text of `<failure>` and `<error>` (expected versus actual, stack traces).
    public var bodyBytes: Int
    /// The text of `<system-out>` and `<system-err>` (step traces).
    public var outputBytes: Int

    /// Creates limits.
    public init(attributeBytes: Int = 64 * 1024, bodyBytes: Int = 64 * 1024, outputBytes: Int = 1024 * 1024) {
        self.attributeBytes = attributeBytes
        self.bodyBytes = bodyBytes
        self.outputBytes = outputBytes
    }

    /// 64 KiB per attribute, 64 KiB per failure or error body, 1 MiB per `system-out` / `system-err`.
    public static let `default` = JUnitTextLimits()
}

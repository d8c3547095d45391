/// How reports are written: which secrets to redact and how long fields may be.
public struct JUnitWriterOptions: Sendable, Hashable {
    /// The secrets replaced by `[REDACTED]` in every field.
    public var redactor: Redactor
    /// The per-field byte limits.
    public var limits: JUnitTextLimits
    /// The `hostname` written on suites that have none; `nil` means ``JUnitSuite/currentHostname``.
    public var hostname: String?

    /// Creates options.
    public init(redactor: Redactor = .none, limits: JUnitTextLimits = .default, hostname: String? = nil) {
        self.redactor = redactor
        self.limits = limits
        self.hostname = hostname
    }

    var cleaner: JUnitTextCleaner {
        JUnitTextCleaner(redactor: redactor, limits: limits)
    }

    var resolvedHostname: String {
        hostname ?? JUnitSuite.currentHostname
    }
}

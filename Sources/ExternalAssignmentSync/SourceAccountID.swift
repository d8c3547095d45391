/// An external source account (one connection to a platform), as returned by `connectSource`.
///
/// Fresh ids come from the service's injected ``SourceAccountIDGenerator``, and the core refuses an id
/// it has issued before, so ids are never reused (interpretation 13, Scenarios/README.md).
/// An opaque string; see ``OpaqueIdentifier``.
public struct SourceAccountID: OpaqueIdentifier {
    /// The identifier's text.
    public let rawValue: String

    /// Wraps `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }
}

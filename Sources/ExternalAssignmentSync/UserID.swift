/// A user of the application: the spec's generic `User` parameter.
///
/// The concept never creates users; it only stores the owner of each source account.
/// An opaque string; see ``OpaqueIdentifier``.
public struct UserID: OpaqueIdentifier {
    /// The identifier's text.
    public let rawValue: String

    /// Wraps `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }
}

/// An internal assignment of the application: the spec's generic `Assignment` parameter.
///
/// The concept never creates assignments; the application names them in `recordInternalSync`.
/// An opaque string; see ``OpaqueIdentifier``.
public struct AssignmentID: OpaqueIdentifier {
    /// The identifier's text.
    public let rawValue: String

    /// Wraps `rawValue`.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }
}

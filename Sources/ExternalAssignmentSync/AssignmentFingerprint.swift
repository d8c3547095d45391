import KitPrimitives

/// A fingerprint of the assignment details the concept sees: how a connector for a platform without
/// modification times (GitHub Classroom) tells changed content from unchanged content.
///
/// It is FNV-1a 64 (``KitPrimitives/StableHash``) over a canonical encoding of the
/// ``ExternalAssignmentDetails`` the connector produces, written `v1:` plus 16 hex digits. Only
/// `name`, `description` and `dueDate` are covered, because those are the fields visible to the
/// concept (and so to the application): a change elsewhere on the platform (an invite link, an
/// accepted-count, a starter repository) is invisible to the application, so it is not a change.
///
/// The encoding is byte-exact and unambiguous: each field is a tag, then `-` for nil or the byte
/// count, `:` and the UTF-8 bytes (no Unicode normalization: a re-spelled title is a change the
/// application can see); the due date is written as `seconds.nanoseconds` since the epoch, so two
/// spellings of one instant (`Z` or an offset) fingerprint alike. It is the same in every process,
/// on every platform and in every release; a new encoding would get a new `v2:` prefix, so that old
/// fingerprints read as changed (one spurious update) rather than as unchanged.
///
/// ```swift
/// let print = AssignmentFingerprint(ExternalAssignmentDetails(name: "Lab 1", dueDate: nil))
/// print.rawValue   // "v1:…"
/// ```
public struct AssignmentFingerprint: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// `v1:` plus 16 lowercase hex digits (any stored value is accepted on decoding).
    public var rawValue: String

    /// Wraps a stored fingerprint.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The fingerprint of `details`.
    public init(_ details: ExternalAssignmentDetails) {
        rawValue = "v1:" + StableHash.hex(StableHash.fnv1a64(bytes: Self.canonicalEncoding(of: details)))
    }

    public var description: String { rawValue }

    /// The bytes the fingerprint hashes: `n<field>d<field>t<instant>`, where a field is `-` (nil)
    /// or `<byte count>:<UTF-8 bytes>` and an instant is `-` or `<seconds>.<nanoseconds>`.
    static func canonicalEncoding(of details: ExternalAssignmentDetails) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(details.name.utf8.count + (details.description?.utf8.count ?? 0) + 48)
        bytes.append(UInt8(ascii: "n"))
        append(details.name, to: &bytes)
        bytes.append(UInt8(ascii: "d"))
        append(details.description, to: &bytes)
        bytes.append(UInt8(ascii: "t"))
        if let due = details.dueDate {
            bytes += Array("\(due.seconds).\(due.nanoseconds)".utf8)
        } else {
            bytes.append(UInt8(ascii: "-"))
        }
        return bytes
    }

    private static func append(_ text: String?, to bytes: inout [UInt8]) {
        guard let text else {
            bytes.append(UInt8(ascii: "-"))
            return
        }
        bytes += Array("\(text.utf8.count):".utf8)
        bytes += Array(text.utf8)
    }
}

extension FingerprintedAssignment {
    /// The fingerprint of ``details`` (computed: it can never disagree with them).
    public var fingerprint: AssignmentFingerprint {
        AssignmentFingerprint(details)
    }
}

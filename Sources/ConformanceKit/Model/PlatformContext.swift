import ConceptValues
import KitPrimitives

/// What the platform looked like around one call, from the mock's oracle and request journal: the
/// model's only view of the platform. It never reads the reference implementation.
public struct PlatformContext: Sendable, Hashable {
    /// The virtual time during the call (the mock's clock does not move while a call runs).
    public var now: Timestamp
    /// What the call's token could fetch before the call (nil: the token was not usable).
    public var visibleBefore: [RawExternalAssignment]?
    /// What it could fetch after the call (a fault may revoke the token or change the world).
    public var visibleAfter: [RawExternalAssignment]?
    /// Whether the call's base URL is the mock's (a base URL nothing listens on is not reachable).
    public var reachable: Bool
    /// The fault kinds that fired on requests the call made, in order (`status`, `throttle`, ...).
    public var firedFaults: [String]

    public init(
        now: Timestamp, visibleBefore: [RawExternalAssignment]? = nil, visibleAfter: [RawExternalAssignment]? = nil,
        reachable: Bool = true, firedFaults: [String] = []
    ) {
        self.now = now
        self.visibleBefore = visibleBefore
        self.visibleAfter = visibleAfter
        self.reachable = reachable
        self.firedFaults = firedFaults
    }

    /// A call that made no platform request at `now`.
    public static func quiet(at now: Timestamp) -> PlatformContext { PlatformContext(now: now) }
}

/// Which spec errors a fault allows, at connect and at poll (interpretations 6, 7 and 14, Scenarios/README.md).
public enum FaultErrorTable {
    /// The errors `connectSource` may report when a fault of `kind` hit one of its requests.
    public static func connectErrors(_ kind: String) -> [String] {
        switch kind {
        case "status", "throttle", "malformed_json", "truncated_body", "delay": ["NetworkError"]
        case "html", "redirect", "foreign_links": ["InvalidCredentialsError", "NetworkError"]
        case "revoke_token", "expire_token": ["InvalidCredentialsError"]
        case "world_change": []
        default: ["NetworkError"]  // transport faults
        }
    }

    /// The errors `pollExternalSource` may report when a fault of `kind` hit one of its requests.
    public static func pollErrors(_ kind: String) -> [String] {
        switch kind {
        case "status", "malformed_json", "truncated_body", "delay": ["NetworkError"]
        case "throttle": ["ApiRateLimitError"]
        case "html", "redirect", "foreign_links": ["NetworkError", "SourceConnectionError"]
        case "revoke_token", "expire_token": ["SourceConnectionError"]
        case "world_change": []
        default: ["NetworkError"]  // transport faults
        }
    }
}

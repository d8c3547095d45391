import Foundation
import KitPrimitives

/// A platform a mock server imitates (Canvas, GitHub Classroom): its world, its routes and the bodies
/// its faults send. ``MockPlatformServer`` supplies everything else, the same way for every platform:
/// the one lock around the state, the virtual clock, the fault engine and the order faults apply in,
/// the request journal, the readiness signal and the `/__mock/` control API.
///
/// A platform is a namespace of static functions (an `enum` without cases):
/// ```swift
/// public enum CanvasPlatform: MockPlatform {
///     public typealias World = CanvasWorld
///     public typealias Runtime = CanvasRuntime
///     public static let name = "canvas"
///     public static func credential(of request: MockRequest) -> PlatformCredential { … }
///     public static func respond(to request: MockRequest, state: inout MockPlatformState<Self>) -> PlatformOutcome { … }
///     public static func faultResponse(_ fault: ReplacementFault, to request: MockRequest, state: MockPlatformState<Self>) -> MockResponse { … }
/// }
/// ```
public protocol MockPlatform: Sendable {
    /// The platform's state as world files describe it (users and tokens, courses or classrooms, settings).
    associatedtype World: PlatformWorld
    /// What the platform derives from its world and keeps between requests: indexes, caches and
    /// rate-limit counters.
    associatedtype Runtime: PlatformRuntime where Runtime.World == World

    /// A short lowercase name (`canvas`); the default logger label is `mock-<name>`.
    static var name: String { get }

    /// Whether journal entries record the request's `User-Agent` (default: no).
    static var journalsUserAgent: Bool { get }

    /// How `request` carries its credential (which the journal records, and which token faults act on).
    static func credential(of request: MockRequest) -> PlatformCredential

    /// Answers an API request no fault replaced, under the server's lock.
    ///
    /// It may update `state.runtime` (rate-limit counters, caches); the world changes only through
    /// ``MockPlatformState/apply(_:)``.
    static func respond(to request: MockRequest, state: inout MockPlatformState<Self>) -> PlatformOutcome

    /// The platform's own response for a fault that replaces the answer (an error status, a
    /// throttled response, an HTML page, a redirect).
    static func faultResponse(_ fault: ReplacementFault, to request: MockRequest, state: MockPlatformState<Self>) -> MockResponse
}

extension MockPlatform {
    public static var journalsUserAgent: Bool { false }
}

/// A mock platform's world: what a world file describes and control commands change.
///
/// Conformers get ``parse(_:file:)`` and ``load(contentsOf:)`` (YAML or JSON; errors name the file,
/// line and field) from ``validate()`` and ``normalize()``.
public protocol PlatformWorld: Sendable, Hashable, Codable {
    /// A change to the world (by the controller, a scenario step or a `world_change` fault).
    associatedtype Change: PlatformChange
    /// A platform setting the controller may replace (`set_rate_limit`, ...).
    associatedtype Setting: PlatformSetting

    /// An empty world at the platform's default clock.
    init()

    /// Virtual time at start (the clock returns to it on `reset`).
    var clock: Timestamp { get }

    /// Checks ids are unique and references resolve; a failure's location names the field.
    func validate() throws(MockError)

    /// Fills defaults that depend on the clock or on file order.
    mutating func normalize()

    /// Applies `change` at virtual time `now` to this value, which may be left invalid or half
    /// changed on error: call ``apply(_:now:)``, which works on a copy and validates it.
    mutating func applyInPlace(_ change: Change, now: Timestamp) throws(MockError)

    /// Replaces a platform setting.
    mutating func apply(_ setting: Setting)

    /// A copy with every token replaced by `[REDACTED]` (what `GET /__mock/world` shows).
    func redactingTokens() -> Self
}

extension PlatformWorld {
    /// Loads a world file (YAML or JSON); errors name the file, line and field.
    public static func load(contentsOf path: String) throws(MockError) -> Self {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MockError(.unreadableFile, "cannot read world file", location: .init(file: path))
        }
        return try parse(text, file: path)
    }

    /// Parses world text (YAML or JSON), validates it and fills defaults.
    public static func parse(_ text: String, file: String = "<world>") throws(MockError) -> Self {
        var world = try YAMLDocument.decode(Self.self, from: text, file: file, code: .invalidWorld)
        do {
            try world.validate()
        } catch var error {
            if let field = error.location?.field {
                error.location = YAMLDocument.locate(field: field, in: text, file: file)
            }
            throw error
        }
        world.normalize()
        return world
    }
}

/// A platform setting the controller may replace, named like a command (`set_rate_limit`).
public protocol PlatformSetting: Sendable, Hashable {
    /// The command names that set it.
    static var names: [String] { get }
    /// Decodes the setting `name` from a YAML or JSON payload.
    init(name: String, payload: String, file: String) throws(MockError)
}

/// What a platform derives from its world and keeps between requests (indexes, caches, rate-limit
/// counters). It lives under the server's lock beside the world.
public protocol PlatformRuntime: Sendable {
    /// The world it is derived from.
    associatedtype World
    /// Fresh runtime state for `world`: empty caches and rate-limit counters.
    init(world: World)
    /// The world or the clock changed: rebuild indexes and drop caches (rate-limit counters stay).
    mutating func worldDidChange(_ world: World)
}

extension PlatformWorld {
    /// Applies `change` at virtual time `now`; on error the world is unchanged.
    public mutating func apply(_ change: Change, now: Timestamp) throws(MockError) {
        var next = self
        try next.applyInPlace(change, now: now)
        try next.validate()
        self = next
    }
}

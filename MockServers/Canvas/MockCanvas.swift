import KitPrimitives
@_exported import MockServerCore

/// A deterministic, Canvas-faithful mock Canvas LMS.
///
/// It answers the Canvas REST surface a sync client needs (`users/self`, `courses`, assignments,
/// with Canvas's auth errors, pagination and throttle), on a virtual clock only its controller
/// moves, with injected faults at the HTTP and transport layers and a journal of every request.
/// The same seed and the same sequence of requests and control calls give byte-identical responses.
///
/// It is the shared ``MockPlatformServer`` running ``CanvasPlatform``: the lock, clock, fault
/// engine, journal and `/__mock/` control API are the ones every mock platform uses.
///
/// ```swift
/// let world = try CanvasWorld.load(contentsOf: "Scenarios/worlds/basic.yaml")
/// try await MockCanvas.withRunning(world: world, seed: 42) { canvas, address in
///     // point a client at address.origin, then inspect canvas.journal()
/// }
/// ```
public typealias MockCanvas = MockPlatformServer<CanvasPlatform>

/// A control command for a mock Canvas: the same set in-process (``MockPlatformServer/perform(_:)``),
/// over HTTP (`POST /__mock/<name>` with the arguments as a JSON body) and in scenario files.
public typealias MockCanvasCommand = MockControlCommand<CanvasPlatform>

extension MockPlatformServer where Platform == CanvasPlatform {
    /// What a sync client holding `token` would fetch now (see ``CanvasWorld/assignmentsVisible(to:at:)``):
    /// the platform oracle the kit's model uses. Not journaled; nil for an unusable token.
    public func assignmentsVisible(to token: String) -> [(courseID: Int64, assignment: CanvasAssignment)]? {
        read { $0.world.assignmentsVisible(to: token, at: $0.clock.now) }
    }
}

extension MockControlCommand where Platform == CanvasPlatform {
    /// Replaces the throttle parameters (`POST /__mock/set_rate_limit`).
    public static func setRateLimit(_ limit: CanvasRateLimit) -> Self { .setting(.rateLimit(limit)) }
}

import KitPrimitives
@_exported import MockServerCore

/// A deterministic, GitHub-faithful mock of the GitHub Classroom REST API.
///
/// It answers `GET /user`, `/classrooms`, `/classrooms/{id}`, `/classrooms/{id}/assignments` and
/// `/assignments/{id}` with GitHub's JSON, its `401 Bad credentials` and `404 Not Found` bodies,
/// `link` pagination and primary and secondary rate limits, on a virtual clock only its controller
/// moves, with injected faults and a journal of every request. The same seed and the same sequence
/// of requests and control calls give byte-identical responses.
///
/// It is the shared ``MockPlatformServer`` running ``GitHubClassroomPlatform``: the lock, clock,
/// fault engine, journal and `/__mock/` control API are the ones every mock platform uses.
///
/// ```swift
/// let world = try GitHubClassroomWorld.load(contentsOf: "Scenarios/worlds/github-classroom/basic.yaml")
/// try await MockGitHubClassroom.withRunning(world: world, seed: 42) { github, address in
///     // point a client at address.origin, then inspect github.journal()
/// }
/// ```
public typealias MockGitHubClassroom = MockPlatformServer<GitHubClassroomPlatform>

/// A control command for a mock GitHub Classroom: the same set in-process
/// (``MockPlatformServer/perform(_:)``), over HTTP (`POST /__mock/<name>`) and in scenario files.
public typealias MockGitHubClassroomCommand = MockControlCommand<GitHubClassroomPlatform>

extension MockPlatformServer where Platform == GitHubClassroomPlatform {
    /// What a sync client holding `token` would fetch now (see
    /// ``GitHubClassroomWorld/assignmentsVisible(to:at:)``): the platform oracle the kit's model uses.
    /// Not journaled and not rate-limited; nil for an unusable token.
    public func assignmentsVisible(to token: String) -> [GitHubClassroomAssignment]? {
        read { $0.world.assignmentsVisible(to: token, at: $0.clock.now) }
    }
}

extension MockControlCommand where Platform == GitHubClassroomPlatform {
    /// Replaces the rate limits (`POST /__mock/set_rate_limit`).
    public static func setRateLimit(_ limit: GitHubRateLimit) -> Self { .setting(.rateLimit(limit)) }
}

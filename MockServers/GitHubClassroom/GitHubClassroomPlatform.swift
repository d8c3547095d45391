import KitPrimitives
import MockServerCore
import NIOCore

/// GitHub Classroom as a ``MockPlatform``: its world, its REST surface (``GitHubClassroomAPI``) and
/// the bodies its faults send (GitHub's JSON errors, its secondary-limit response, an HTML error page,
/// GitHub's JSON redirects).
public enum GitHubClassroomPlatform: MockPlatform {
    public typealias World = GitHubClassroomWorld
    public typealias Runtime = GitHubClassroomRuntime

    public static let name = "github-classroom"

    /// GitHub requires a `User-Agent`, so the journal records it.
    public static var journalsUserAgent: Bool { true }

    /// GitHub reads `Authorization: Bearer T` or `Authorization: token T`.
    public static func credential(of request: MockRequest) -> PlatformCredential {
        GitHubCredential.read(request)
    }

    public static func respond(to request: MockRequest, state: inout MockPlatformState<GitHubClassroomPlatform>) -> PlatformOutcome {
        GitHubClassroomAPI.respond(to: request, state: &state)
    }

    public static func faultResponse(
        _ fault: ReplacementFault, to request: MockRequest, state: MockPlatformState<GitHubClassroomPlatform>
    ) -> MockResponse {
        GitHubFaultResponses.render(fault, to: request, state: state)
    }
}

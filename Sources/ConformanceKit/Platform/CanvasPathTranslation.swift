import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import MockServerCore

/// Canvas request paths and fault rules as their GitHub Classroom counterparts, for running a
/// scenario written in Canvas terms against the mock GitHub Classroom.
///
/// | Canvas | GitHub Classroom |
/// |---|---|
/// | `/api/v1/users/self` | `/user` |
/// | `/api/v1/courses` | `/classrooms` |
/// | `/api/v1/courses/<id or *>/assignments` | `/classrooms/<id or *>/assignments` |
/// | `/api/v1/courses/**` | `/classrooms/**` |
/// | `/api/v1/**`, `/**` | `/**` |
///
/// Any other path (a single assignment, the login page, sections, ...) has no counterpart: a
/// scenario that names one runs on Canvas only.
public enum CanvasPathTranslation {
    /// The GitHub Classroom path (or pattern) for a Canvas one, or nil when there is none.
    public static func gitHubClassroomPath(for canvasPath: String) -> String? {
        let segments = canvasPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch segments.count {
        case 1 where segments[0] == "**": return "/**"
        default: break
        }
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v1" else { return nil }
        let rest = Array(segments.dropFirst(2))
        switch rest.count {
        case 1 where rest[0] == "**": return "/**"
        case 1 where rest[0] == "courses": return "/classrooms"
        case 2 where rest == ["users", "self"]: return "/user"
        case 2 where rest[0] == "courses" && rest[1] == "**": return "/classrooms/**"
        case 3 where rest[0] == "courses" && rest[2] == "assignments" && (rest[1] == "*" || Int64(rest[1]) != nil):
            return "/classrooms/\(rest[1])/assignments"
        default: return nil
        }
    }

    /// Why a Canvas fault rule has no GitHub Classroom counterpart, or nil when it has one.
    public static func problem(translating rule: FaultRule<CanvasWorldChange>) -> String? {
        if let path = rule.match.path, gitHubClassroomPath(for: path.pattern) == nil {
            return "the fault path \(path.pattern) has no GitHub Classroom counterpart"
        }
        if let query = rule.match.query, query.keys.contains(where: { $0 != "page" }) {
            return "the fault query \(query.keys.sorted().joined(separator: ", ")) is Canvas's"
        }
        return nil
    }

    /// The GitHub Classroom fault rule for a Canvas one: the same match with the path translated,
    /// the same fault (a `world_change` fault's changes translated against `world`, the Canvas world
    /// when the rule is installed).
    ///
    /// - Throws: ``Untranslatable`` when the path, query or changes have no counterpart.
    public static func gitHubClassroomRule(
        for rule: FaultRule<CanvasWorldChange>, world: CanvasWorld, now: Timestamp
    ) throws(Untranslatable) -> FaultRule<GitHubClassroomWorldChange> {
        if let problem = problem(translating: rule) { throw Untranslatable(reason: problem) }
        var match = rule.match
        if let path = rule.match.path, let translated = gitHubClassroomPath(for: path.pattern) { match.path = PathPattern(translated) }
        let fault: Fault<GitHubClassroomWorldChange>
        switch rule.fault {
        case .status(let status, let retryAfter): fault = .status(status, retryAfter: retryAfter)
        case .throttle(let status, let retryAfter): fault = .throttle(status: status, retryAfter: retryAfter)
        case .html(let status): fault = .html(status: status)
        case .redirect(let origin, let status): fault = .redirect(origin: origin, status: status)
        case .foreignLinks(let origin): fault = .foreignLinks(origin: origin)
        case .malformedJSON: fault = .malformedJSON
        case .truncatedBody: fault = .truncatedBody
        case .delay(let ms): fault = .delay(milliseconds: ms)
        case .revokeToken: fault = .revokeToken
        case .expireToken: fault = .expireToken
        case .transport(let transport): fault = .transport(transport)
        case .stallThenReset(let ms): fault = .stallThenReset(milliseconds: ms)
        case .worldChange(let changes):
            var canvas = world
            var translated: [GitHubClassroomWorldChange] = []
            for change in changes {
                do {
                    translated += try GitHubClassroomWorldChange.translating(change, in: canvas, now: now)
                    try canvas.apply(change, now: now)
                } catch {
                    throw Untranslatable(reason: "world_change \(change.name): \(error.message)")
                }
            }
            fault = .worldChange(translated)
        }
        return FaultRule(id: rule.id, match: match, fault: fault)
    }

    /// Something in a scenario that has no GitHub Classroom counterpart.
    public struct Untranslatable: Error, Hashable, CustomStringConvertible {
        /// What and why, in one line.
        public var reason: String
        public var description: String { reason }
    }
}

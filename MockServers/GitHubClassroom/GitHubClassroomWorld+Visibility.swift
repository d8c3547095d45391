import KitPrimitives
import MockServerCore

extension GitHubClassroomWorld {
    /// The user `token` authenticates at `now`, or nil when the token is unknown, revoked or expired.
    public func activeUser(for token: String, at now: Timestamp) -> GitHubUser? {
        guard let (user, record) = user(holding: token), record.effectiveState(at: now) == .active else { return nil }
        return user
    }

    /// What a client holding `token` fetches by listing `GET /classrooms`, then each classroom's
    /// `GET /classrooms/{id}/assignments` (every page): every assignment of every classroom the
    /// token's user administers, archived classrooms included, in classroom id then assignment id
    /// order. Nil when the token is not usable at `now` (unknown, expired or revoked).
    public func assignmentsVisible(to token: String, at now: Timestamp) -> [GitHubClassroomAssignment]? {
        guard let user = activeUser(for: token, at: now) else { return nil }
        return classrooms(administeredBy: user.login).flatMap { assignments(inClassroom: $0.id) }
    }
}

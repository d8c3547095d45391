import KitPrimitives
import MockCanvas
import MockGitHubClassroom
import ConformanceKit

/// The platform a checker case starts from, generated from the case seed: two users (a student, and
/// a teacher who also sees unpublished work), two or three courses of varied sizes (sometimes one
/// past Canvas's 100-item page, sometimes a dozen more small ones so the course list pages too),
/// null and offset timestamps, and distinctive tokens that a leak scan can find in any answer.
///
/// GitHub Classroom cases serve its translation (``GitHubClassroomWorld/init(translating:)``):
/// courses become classrooms administered by their active members, published assignments become
/// classroom assignments (title, deadline, no description), unpublished ones are left out. What the
/// translation loses (drafts, descriptions, timestamp styles, Canvas's per-role visibility) has no
/// GitHub counterpart to test; what GitHub adds (stamps made up from fingerprints, id-ordered pages,
/// its rate-limit and error bodies) is exercised on the translated world as it is.
public struct CheckerWorld: Sendable, Hashable {
    /// The mock's starting state.
    public var world: CanvasWorld

    /// The concept-level owners (before any isolation prefix), indexed by ``ConnectArguments/owner``.
    public static let owners = ["ada", "bo"]
    /// The source names connects choose from: few, so duplicates are frequent; `canvas` differs from
    /// `Canvas` (names are exact, interpretation 8 (Scenarios/README.md)).
    public static let sourceNames = ["Canvas", "6.104 Canvas", "canvas"]
    /// The platform users' ids.
    public static let userIDs: [Int64] = [101, 102]
    /// Styles ``CheckerCommand/setTimestampStyle(_:)`` chooses from.
    public static let timestampStyles: [TimestampStyle] = [.utc, .offset(minutes: -360), .offset(minutes: 330)]
    /// The share of generated worlds on a sharded install (course and assignment ids above 2^53).
    public static let shardedShare = 0.25
    /// What a sharded world adds to its course and assignment ids: shard 901 × 10^13, so every id
    /// is above 2^53 and the odd ones are not doubles.
    public static let shardOffset: Int64 = 9_010_000_000_000_000

    /// The first id of assignments the case adds.
    public static let firstAddedAssignmentID: Int64 = 90_001
    /// The first id of courses the case adds.
    public static let firstAddedCourseID: Int64 = 2101
    /// The first id of assignments a GitHub Classroom page shift inserts: below every other id, so
    /// they sort first (GitHub lists a classroom's assignments in id order).
    public static let firstInsertedGitHubAssignmentID: Int64 = 1001
    /// GitHub Classroom limits no checker case reaches (its throttling comes from faults).
    public static let unthrottledGitHub = GitHubRateLimit(limit: 1_000_000_000, secondaryPointsPerMinute: 1_000_000_000)

    public init(world: CanvasWorld) {
        self.world = world
    }

    /// A world for `seed`.
    public static func generate(seed: UInt64) -> CheckerWorld {
        var rng = SplitMix64(seed: SplitMix64.derive(seed, "world"))
        let clock = CanvasWorld.defaultClock
        let tokenSeed = SplitMix64.derive(seed, "tokens")
        let users = [
            CanvasUser(id: 101, name: "Ada Student", tokens: [CanvasToken(token: token(tokenSeed, 1)), CanvasToken(token: token(tokenSeed, 2))]),
            CanvasUser(id: 102, name: "Bo Teacher", tokens: [CanvasToken(token: token(tokenSeed, 3))]),
        ]
        let courseCount = Int.random(in: 2...3, using: &rng)
        let bigCourse = rng.nextUnit() < 0.3 ? Int.random(in: 0..<courseCount, using: &rng) : nil
        var courses: [CanvasCourse] = []
        for c in 0..<courseCount {
            let id = Int64(2001 + c)
            let size = c == bigCourse ? Int.random(in: 101...104, using: &rng) : [0, 3, 6, 9, 12, 13, 14, 15][Int.random(in: 0..<8, using: &rng)]
            var assignments: [CanvasAssignment] = []
            for a in 0..<size {
                assignments.append(assignment(id: Int64(50_000 + c * 1000 + a), clock: clock, using: &rng))
            }
            var enrollments = [CanvasEnrollment(user: 101, type: .student)]
            if c == 0 || rng.nextUnit() < 0.5 { enrollments.append(CanvasEnrollment(user: 102, type: c == 0 ? .teacher : .student)) }
            courses.append(CanvasCourse(id: id, name: "Course \(c + 1)", courseCode: "C\(c + 1)", enrollments: enrollments, assignments: assignments))
        }
        if rng.nextUnit() < 0.15 {
            // Many small courses: the course list itself has more than one page (10 per page by default).
            for c in courseCount..<(courseCount + Int.random(in: 9...11, using: &rng)) {
                let assignments = (0..<Int.random(in: 0...2, using: &rng)).map {
                    assignment(id: Int64(50_000 + c * 1000 + $0), clock: clock, using: &rng)
                }
                courses.append(CanvasCourse(
                    id: Int64(2001 + c), name: "Course \(c + 1)", courseCode: "C\(c + 1)", enrollments: [CanvasEnrollment(user: 101)],
                    assignments: assignments))
            }
        }
        var rate = CanvasRateLimit()
        rate.highWater = 1_000_000
        rate.maximum = 1_000_000
        let style = timestampStyles[rng.nextUnit() < 0.6 ? 0 : Int.random(in: 1..<timestampStyles.count, using: &rng)]
        if rng.nextUnit() < shardedShare {
            // A sharded install: global ids are shard × 10^13 + local id, above 2^53 from shard 901.
            courses = courses.map { course in
                var moved = course
                moved.id += shardOffset
                moved.assignments = course.assignments.map { assignment in
                    var shifted = assignment
                    shifted.id += shardOffset
                    return shifted
                }
                return moved
            }
        }
        return CheckerWorld(world: CanvasWorld(clock: clock, timestampStyle: style, rateLimit: rate, users: users, courses: courses))
    }

    /// A generated assignment: some with null descriptions and due dates, some unpublished, some with
    /// equal `updated_at`.
    static func assignment(id: Int64, clock: Timestamp, using rng: inout SplitMix64) -> CanvasAssignment {
        let descriptions: [String?] = [nil, "<p>Read the spec &amp; the notes.</p>", "Plain text", "<b>Due</b> at noon"]
        let due: Timestamp? = rng.nextUnit() < 0.3 ? nil : clock.advanced(bySeconds: Int64.random(in: 1...30, using: &rng) * 86_400 - 1)
        return CanvasAssignment(
            id: id, name: "Assignment \(id)", description: descriptions[Int.random(in: 0..<descriptions.count, using: &rng)],
            dueAt: due, state: rng.nextUnit() < 0.85 ? .published : .unpublished,
            updatedAt: clock.advanced(bySeconds: -Int64.random(in: 0...6, using: &rng) * 3600))
    }

    /// A distinctive token: `tok-` and 16 hex digits.
    static func token(_ seed: UInt64, _ number: Int) -> String {
        "tok-" + StableHash.hex(SplitMix64.derive(seed, "token:\(number)"))
    }

    /// A token the platform never issued (connects with it must fail).
    public var bogusToken: String { "tok-bogus-" + StableHash.hex(StableHash.fnv1a64(world.users.flatMap(\.tokens).map(\.token).joined())) }

    /// `text` with every checker token (`tok-` and the letters, digits and dashes after it) replaced
    /// by `[REDACTED]`: histories and reports never show one.
    public static func redactingTokens(_ text: String) -> String {
        guard text.contains("tok-") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.firstRange(of: "tok-") {
            out += rest[..<range.lowerBound]
            let tail = rest[range.upperBound...]
            let body = tail.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            out += body.isEmpty ? "tok-" : "[REDACTED]"
            rest = tail[body.endIndex...]
        }
        return out + rest
    }
}

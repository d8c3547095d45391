import KitPrimitives

/// A Canvas course with its enrollments and assignments.
public struct CanvasCourse: Sendable, Hashable, Codable {
    /// Course workflow states.
    public enum WorkflowState: String, Sendable, Hashable, Codable {
        case available, completed, unpublished, deleted
    }

    public var id: Int64
    public var name: String
    public var courseCode: String
    public var workflowState: WorkflowState
    /// An IANA time zone name (`America/New_York` by default).
    public var timeZone: String
    public var startAt: Timestamp?
    public var endAt: Timestamp?
    public var createdAt: Timestamp?
    public var enrollments: [CanvasEnrollment]
    public var assignments: [CanvasAssignment]

    public init(
        id: Int64, name: String, courseCode: String? = nil, workflowState: WorkflowState = .available,
        timeZone: String = "America/New_York", startAt: Timestamp? = nil, endAt: Timestamp? = nil,
        createdAt: Timestamp? = nil, enrollments: [CanvasEnrollment] = [], assignments: [CanvasAssignment] = []
    ) {
        self.id = id
        self.name = name
        self.courseCode = courseCode ?? name
        self.workflowState = workflowState
        self.timeZone = timeZone
        self.startAt = startAt
        self.endAt = endAt
        self.createdAt = createdAt
        self.enrollments = enrollments
        self.assignments = assignments
    }

    enum CodingKeys: String, CodingKey {
        case id, name, courseCode = "course_code", workflowState = "workflow_state", timeZone = "time_zone"
        case startAt = "start_at", endAt = "end_at", createdAt = "created_at", enrollments, assignments
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        courseCode = try c.decodeIfPresent(String.self, forKey: .courseCode) ?? name
        workflowState = try c.decodeIfPresent(WorkflowState.self, forKey: .workflowState) ?? .available
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "America/New_York"
        startAt = try c.decodeIfPresent(Timestamp.self, forKey: .startAt)
        endAt = try c.decodeIfPresent(Timestamp.self, forKey: .endAt)
        createdAt = try c.decodeIfPresent(Timestamp.self, forKey: .createdAt)
        enrollments = try c.decodeIfPresent([CanvasEnrollment].self, forKey: .enrollments) ?? []
        assignments = try c.decodeIfPresent([CanvasAssignment].self, forKey: .assignments) ?? []
    }
}

/// A user's enrollment in a course.
public struct CanvasEnrollment: Sendable, Hashable, Codable {
    /// Enrollment types; students and observers do not see unpublished assignments.
    public enum Kind: String, Sendable, Hashable, Codable {
        case student, teacher, ta, observer, designer

        /// The Canvas role name (`StudentEnrollment`, ...).
        var role: String {
            switch self {
            case .student: "StudentEnrollment"
            case .teacher: "TeacherEnrollment"
            case .ta: "TaEnrollment"
            case .observer: "ObserverEnrollment"
            case .designer: "DesignerEnrollment"
            }
        }

        var roleID: Int64 {
            switch self {
            case .student: 3
            case .teacher: 4
            case .ta: 5
            case .designer: 6
            case .observer: 7
            }
        }

        /// Whether this role sees unpublished assignments.
        var seesUnpublished: Bool { self == .teacher || self == .ta || self == .designer }
    }

    /// Enrollment states.
    public enum State: String, Sendable, Hashable, Codable {
        case active, invited, completed, inactive
    }

    public var user: Int64
    public var type: Kind
    public var state: State

    public init(user: Int64, type: Kind = .student, state: State = .active) {
        self.user = user
        self.type = type
        self.state = state
    }

    enum CodingKeys: String, CodingKey { case user, type, state }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decode(Int64.self, forKey: .user)
        type = try c.decodeIfPresent(Kind.self, forKey: .type) ?? .student
        state = try c.decodeIfPresent(State.self, forKey: .state) ?? .active
    }
}

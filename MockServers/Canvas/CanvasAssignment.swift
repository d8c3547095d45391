import KitPrimitives

/// A Canvas assignment.
///
/// `workflow_state` and `published` are two views of one state: `deleted` wins; otherwise
/// `published` (default true) decides between `published` and `unpublished`.
public struct CanvasAssignment: Sendable, Hashable, Codable {
    /// Assignment workflow states.
    public enum State: String, Sendable, Hashable, Codable {
        case published, unpublished, deleted
    }

    public var id: Int64
    public var name: String
    /// HTML, or nil.
    public var description: String?
    public var dueAt: Timestamp?
    public var unlockAt: Timestamp?
    public var lockAt: Timestamp?
    public var state: State
    /// When it last changed; filled from the virtual clock when a world file omits it.
    public var updatedAt: Timestamp?
    /// When it was created; defaults to `updatedAt`.
    public var createdAt: Timestamp?
    public var pointsPossible: Double?
    public var gradingType: String
    public var submissionTypes: [String]
    /// Position in the course's default order; defaults to the order in the file.
    public var position: Int?
    public var assignmentGroupID: Int64?

    public init(
        id: Int64, name: String, description: String? = nil, dueAt: Timestamp? = nil, unlockAt: Timestamp? = nil,
        lockAt: Timestamp? = nil, state: State = .published, updatedAt: Timestamp? = nil, createdAt: Timestamp? = nil,
        pointsPossible: Double? = 10, gradingType: String = "points", submissionTypes: [String] = ["online_upload"],
        position: Int? = nil, assignmentGroupID: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.dueAt = dueAt
        self.unlockAt = unlockAt
        self.lockAt = lockAt
        self.state = state
        self.updatedAt = updatedAt
        self.createdAt = createdAt
        self.pointsPossible = pointsPossible
        self.gradingType = gradingType
        self.submissionTypes = submissionTypes
        self.position = position
        self.assignmentGroupID = assignmentGroupID
    }

    /// Whether students can see it.
    public var published: Bool { state == .published }

    enum CodingKeys: String, CodingKey {
        case id, name, description, dueAt = "due_at", unlockAt = "unlock_at", lockAt = "lock_at", published
        case workflowState = "workflow_state", updatedAt = "updated_at", createdAt = "created_at"
        case pointsPossible = "points_possible", gradingType = "grading_type", submissionTypes = "submission_types"
        case position, assignmentGroupID = "assignment_group_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        dueAt = try c.decodeIfPresent(Timestamp.self, forKey: .dueAt)
        unlockAt = try c.decodeIfPresent(Timestamp.self, forKey: .unlockAt)
        lockAt = try c.decodeIfPresent(Timestamp.self, forKey: .lockAt)
        let published = try c.decodeIfPresent(Bool.self, forKey: .published)
        let workflow = try c.decodeIfPresent(State.self, forKey: .workflowState)
        if workflow == .deleted {
            state = .deleted
        } else if let published {
            if let workflow, (workflow == .published) != published {
                throw DecodingError.dataCorruptedError(
                    forKey: .published, in: c, debugDescription: "published: \(published) contradicts workflow_state: \(workflow.rawValue)")
            }
            state = published ? .published : .unpublished
        } else {
            state = workflow ?? .published
        }
        updatedAt = try c.decodeIfPresent(Timestamp.self, forKey: .updatedAt)
        createdAt = try c.decodeIfPresent(Timestamp.self, forKey: .createdAt)
        pointsPossible = try c.decodeIfPresent(Double.self, forKey: .pointsPossible) ?? 10
        gradingType = try c.decodeIfPresent(String.self, forKey: .gradingType) ?? "points"
        submissionTypes = try c.decodeIfPresent([String].self, forKey: .submissionTypes) ?? ["online_upload"]
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        assignmentGroupID = try c.decodeIfPresent(Int64.self, forKey: .assignmentGroupID)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encode(dueAt, forKey: .dueAt)
        try c.encodeIfPresent(unlockAt, forKey: .unlockAt)
        try c.encodeIfPresent(lockAt, forKey: .lockAt)
        try c.encode(published, forKey: .published)
        try c.encode(state, forKey: .workflowState)
        try c.encodeIfPresent(updatedAt, forKey: .updatedAt)
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(pointsPossible, forKey: .pointsPossible)
        try c.encode(gradingType, forKey: .gradingType)
        try c.encode(submissionTypes, forKey: .submissionTypes)
        try c.encodeIfPresent(position, forKey: .position)
        try c.encodeIfPresent(assignmentGroupID, forKey: .assignmentGroupID)
    }
}

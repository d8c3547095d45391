import KitPrimitives
import MockServerCore
import NIOCore

/// One authenticated request: the user, a read-only view of the state, and the route handlers.
struct CanvasRequestContext {
    let request: MockRequest
    let user: CanvasUser
    let world: CanvasWorld
    let index: CanvasIndex
    let now: Timestamp
    let renderer: CanvasRenderer
    /// Whether the client asked for every id as a string (``CanvasStringIDs``).
    let stringIDs: Bool

    init(request: MockRequest, user: CanvasUser, state: CanvasState) {
        self.request = request
        self.user = user
        world = state.world
        index = state.runtime.index
        now = state.clock.now
        renderer = CanvasRenderer(origin: request.origin, style: state.world.timestampStyle)
        stringIDs = CanvasStringIDs.requested(by: request)
    }

    static let validBuckets = ["past", "overdue", "undated", "ungraded", "unsubmitted", "upcoming", "future"]

    func handle(_ route: CanvasRoute, cache: inout [String: CanvasRuntime.CachedPage]) -> MockResponse {
        switch route {
        case .currentUser:
            return json(200, renderer.user(user, createdAt: world.clock))
        case .courses:
            return listCourses()
        case .course(let id):
            switch courseAccess(id) {
            case .failure(let error): return error.response
            case .success(let (course, _)):
                return json(200, renderer.course(course, enrollments: course.enrollments.filter { $0.user == user.id }, effectiveState: course.reportedState))
            }
        case .assignments(let courseID):
            return listAssignments(courseID, cache: &cache)
        case .userAssignments(let userParam, let courseID):
            if userParam != "self", Int64(userParam) != user.id {
                guard let other = Int64(userParam), index.users[other] != nil else { return notFound }
                return forbidden
            }
            return listAssignments(courseID, cache: &cache)
        case .assignment(let courseID, let id):
            switch courseAccess(courseID) {
            case .failure(let error): return error.response
            case .success(let (course, role)):
                guard let a = course.assignments.first(where: { $0.id == id }), a.state != .deleted else { return notFound }
                guard a.published || role.seesUnpublished else { return forbidden }
                return json(200, renderer.assignment(a, courseID: course.id, canManage: role.seesUnpublished))
            }
        }
    }

    // MARK: - Courses

    private func listCourses() -> MockResponse {
        let states = request.queryValues("state[]")
        let enrollmentState = request.queryValue("enrollment_state")
        let enrollmentType = request.queryValue("enrollment_type")
        let listed = world.listedCourses(for: user.id, enrollmentState: enrollmentState, enrollmentType: enrollmentType, states: states)
        guard let pagination = CanvasPagination(request: request) else { return notFound }
        let range = pagination.range(count: listed.count)
        let items = listed[range].map { renderer.course($0.course, enrollments: $0.enrollments, effectiveState: $0.course.reportedState) }
        return json(200, .array(items), link: pagination.linkHeader(request: request, count: listed.count))
    }

    /// The course and the user's strongest role in it, or the error response.
    private func courseAccess(_ id: Int64) -> Result<(CanvasCourse, CanvasEnrollment.Kind), ResponseError> {
        guard let c = index.courses[id], world.courses[c].workflowState != .deleted else { return .failure(ResponseError(notFound)) }
        let course = world.courses[c]
        let mine = course.enrollments.filter { $0.user == user.id && $0.state != .inactive }
        guard let role = mine.map(\.type).max(by: { !$0.seesUnpublished && $1.seesUnpublished }) else {
            return .failure(ResponseError(forbidden))
        }
        if course.workflowState == .unpublished && !role.seesUnpublished { return .failure(ResponseError(forbidden)) }
        return .success((course, role))
    }

    // MARK: - Assignments

    private func listAssignments(_ courseID: Int64, cache: inout [String: CanvasRuntime.CachedPage]) -> MockResponse {
        let (course, role): (CanvasCourse, CanvasEnrollment.Kind)
        switch courseAccess(courseID) {
        case .failure(let error): return error.response
        case .success(let access): (course, role) = access
        }
        let bucket = request.queryValue("bucket")
        if let bucket, !Self.validBuckets.contains(bucket) {
            let message = "bucket name must be one of the following: " + Self.validBuckets.joined(separator: ", ")
            let body: JSONValue = .object([("errors", .object([("bucket", .array([.object([
                ("attribute", .string("bucket")), ("type", .string(message)), ("message", .string(message)),
            ])]))]))])
            return json(400, body)
        }
        guard let pagination = CanvasPagination(request: request) else { return notFound }
        let orderBy = request.queryValue("order_by") ?? "position"
        let key = [request.origin, String(course.id), role.seesUnpublished ? "m" : "s", stringIDs ? "string-ids" : "", orderBy, bucket ?? "",
                   CanvasPagination.otherParameters(request), String(pagination.page), String(pagination.perPage)].joined(separator: "|")
        if let page = cache[key] {
            return MockResponse.json(200, page.body, headers: [("Link", page.link)])
        }
        var visible = course.visibleAssignments(seesUnpublished: role.seesUnpublished)
        if let bucket { visible = visible.filter { inBucket($0, bucket) } }
        if orderBy != "position" { visible.sort(by: order(orderBy)) }
        let range = pagination.range(count: visible.count)
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (i, a) in visible[range].enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            let rendered = renderer.assignment(a, courseID: course.id, canManage: role.seesUnpublished)
            (stringIDs ? CanvasStringIDs.stringifying(rendered) : rendered).write(into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        let page = CanvasRuntime.CachedPage(body: ByteBuffer(bytes: bytes), link: pagination.linkHeader(request: request, count: visible.count))
        if cache.count >= 512 { cache.removeAll(keepingCapacity: true) }
        cache[key] = page
        return MockResponse.json(200, page.body, headers: [("Link", page.link)])
    }

    /// Canvas's `bucket` filter on the virtual clock (the mock models no submissions or grades).
    private func inBucket(_ a: CanvasAssignment, _ bucket: String) -> Bool {
        switch bucket {
        case "past", "overdue": return a.dueAt.map { $0 < now } ?? false
        case "undated": return a.dueAt == nil
        case "upcoming": return a.dueAt.map { $0 >= now && $0 <= now.advanced(bySeconds: 7 * 86_400) } ?? false
        case "future": return a.dueAt.map { $0 >= now } ?? true
        default: return true  // ungraded, unsubmitted: nothing is graded or submitted in the mock
        }
    }

    private func order(_ orderBy: String) -> (CanvasAssignment, CanvasAssignment) -> Bool {
        let byPosition: (CanvasAssignment, CanvasAssignment) -> Bool = { ($0.position ?? 0, $0.id) < ($1.position ?? 0, $1.id) }
        switch orderBy {
        case "name":
            return { a, b in
                let (x, y) = (a.name.lowercased(), b.name.lowercased())
                return x != y ? x < y : byPosition(a, b)
            }
        case "due_at":
            return { a, b in
                switch (a.dueAt, b.dueAt) {
                case (let x?, let y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default:
                    let (x, y) = (a.name.lowercased(), b.name.lowercased())
                    return x != y ? x < y : byPosition(a, b)
                }
            }
        default:
            return byPosition
        }
    }

    // MARK: - Responses

    private var notFound: MockResponse { .json(404, text: CanvasAPI.notFoundBody) }

    private var forbidden: MockResponse { .json(world.permissionStatus, text: CanvasAPI.unauthorizedBody) }

    private func json(_ status: Int, _ value: JSONValue, link: String? = nil) -> MockResponse {
        .json(status, ByteBuffer(bytes: (stringIDs ? CanvasStringIDs.stringifying(value) : value).bytes), headers: link.map { [("Link", $0)] } ?? [])
    }
}

/// An error response carried through `Result`.
struct ResponseError: Error {
    var response: MockResponse
    init(_ response: MockResponse) { self.response = response }
}

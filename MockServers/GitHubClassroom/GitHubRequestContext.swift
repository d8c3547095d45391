import KitPrimitives
import MockServerCore
import NIOCore

/// One authenticated, admitted request: the user, a read-only view of the state, and the route handlers.
struct GitHubRequestContext {
    let request: MockRequest
    let user: GitHubUser
    let world: GitHubClassroomWorld
    let index: GitHubClassroomIndex
    let renderer: GitHubClassroomRenderer

    init(request: MockRequest, user: GitHubUser, state: GitHubClassroomState) {
        self.request = request
        self.user = user
        world = state.world
        index = state.runtime.index
        renderer = GitHubClassroomRenderer(origin: request.origin)
    }

    func handle(_ route: GitHubRoute) -> MockResponse {
        switch route {
        case .currentUser:
            return json(renderer.user(user, createdAt: world.clock))
        case .classrooms:
            return page(world.classrooms(administeredBy: user.login)) { renderer.simpleClassroom($0) }
        case .classroom(let id):
            guard let classroom = administered(id) else { return GitHubClassroomAPI.notFound(route.documentationURL) }
            return json(renderer.classroom(classroom))
        case .classroomAssignments(let id):
            guard let classroom = administered(id) else { return GitHubClassroomAPI.notFound(route.documentationURL) }
            let assignments = (index.assignmentsByClassroom[id] ?? []).map { world.assignments[$0] }
            return page(assignments) { renderer.assignment($0, in: classroom, full: false) }
        case .assignment(let id):
            guard let a = index.assignments[id], let classroom = administered(world.assignments[a].classroom) else {
                return GitHubClassroomAPI.notFound(route.documentationURL)
            }
            return json(renderer.assignment(world.assignments[a], in: classroom, full: true))
        }
    }

    /// Classroom `id` when the user administers it (GitHub answers 404 otherwise, not 403).
    private func administered(_ id: Int64) -> GitHubClassroom? {
        guard let c = index.classrooms[id], world.classrooms[c].isAdministered(by: user.login) else { return nil }
        return world.classrooms[c]
    }

    /// One page of `items`, with the `link` header when there is more than one page.
    private func page<Item>(_ items: [Item], render: (Item) -> JSONValue) -> MockResponse {
        let pagination = GitHubPagination(request: request)
        let range = pagination.range(count: items.count)
        var response = json(.array(items[range].map(render)))
        if let link = pagination.linkHeader(request: request, count: items.count) { response.headers.append(("link", link)) }
        return response
    }

    private func json(_ value: JSONValue) -> MockResponse {
        .json(200, ByteBuffer(bytes: value.bytes))
    }
}

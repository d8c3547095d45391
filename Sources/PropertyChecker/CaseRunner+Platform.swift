import ConceptValues
import KitPrimitives
import MockCanvas
import MockServerCore
import ConformanceKit

extension CaseRunner {
    /// Assignments that can still be edited (not deleted), in id order.
    package var editableAssignments: [CanvasAssignment] {
        canvas.world.courses.flatMap(\.assignments).filter { $0.state != .deleted }.sorted { $0.id < $1.id }
    }

    package var coursesByID: [CanvasCourse] { canvas.world.courses.sorted { $0.id < $1.id } }

    /// The world change a platform command stands for now, or nil when it resolves to nothing (an
    /// empty world, or a change with no meaning on the case's platform: GitHub Classroom has no
    /// timestamp styles). Changes are Canvas's; on GitHub Classroom the platform translates them.
    package mutating func platformChange(_ command: CheckerCommand) -> CanvasWorldChange? {
        if case .setTimestampStyle = command, plan.platform == .gitHubClassroom { return nil }
        let editable = editableAssignments
        func pick(_ ref: AssignmentRef) -> CanvasAssignment? { editable.isEmpty ? nil : editable[ref.index % editable.count] }
        switch command {
        case .addAssignment(let course, let published):
            let courses = coursesByID
            guard !courses.isEmpty else { return nil }
            let id = nextAssignmentID()
            return .addAssignment(
                course: courses[course % courses.count].id,
                CanvasAssignment(id: id, name: "New \(id)", description: nil, dueAt: platform.now.advanced(bySeconds: 7 * 86_400), state: published ? .published : .unpublished))
        case .renameAssignment(let ref):
            guard let target = pick(ref) else { return nil }
            counters.renames += 1
            return .updateAssignment(id: target.id, .init(name: "\(target.name) (v\(counters.renames))"))
        case .moveDueDate(let ref, let hours):
            guard let target = pick(ref) else { return nil }
            let due: Timestamp? = hours == 0 ? nil : (target.dueAt ?? platform.now).advanced(bySeconds: Int64(hours) * 3600)
            return .updateAssignment(id: target.id, .init(dueAt: .some(due)))
        case .deleteAssignment(let ref): return pick(ref).map { .deleteAssignment(id: $0.id) }
        case .publishAssignment(let ref): return pick(ref).map { .publishAssignment(id: $0.id) }
        case .unpublishAssignment(let ref): return pick(ref).map { .unpublishAssignment(id: $0.id) }
        case .setTimestampStyle(let k): return .setTimestampStyle(CheckerWorld.timestampStyles[k % CheckerWorld.timestampStyles.count])
        case .revokeToken(let ref): return ref == .bogus ? nil : .revokeToken(resolve(ref))
        case .expireToken(let ref): return ref == .bogus ? nil : .expireToken(resolve(ref))
        case .issueToken(let user):
            counters.tokens += 1
            let token = "tok-" + StableHash.hex(SplitMix64.derive(plan.seed, "issued-token:\(counters.tokens)"))
            secrets.append(token)
            return .issueToken(user: CheckerWorld.userIDs[user % CheckerWorld.userIDs.count], token: CanvasToken(token: token))
        case .addCourse(let user, let count):
            counters.courses += 1
            let id = CheckerWorld.firstAddedCourseID + Int64(counters.courses - 1)
            var rng = SplitMix64(seed: SplitMix64.derive(plan.seed, "course:\(id)"))
            let assignments = (0..<count).map { _ in CheckerWorld.assignment(id: nextAssignmentID(), clock: platform.now, using: &rng) }
            return .addCourse(CanvasCourse(
                id: id, name: "Added \(id)", enrollments: [CanvasEnrollment(user: CheckerWorld.userIDs[user % CheckerWorld.userIDs.count])],
                assignments: assignments))
        default:
            return nil
        }
    }

    package mutating func nextAssignmentID() -> Int64 {
        counters.assignments += 1
        return CheckerWorld.firstAddedAssignmentID + Int64(counters.assignments - 1)
    }

    /// The mock's rules for a fault plan: the next `count` API requests after `skip` of them, or for a
    /// page shift, the second page of each course big enough to have one. Rules are Canvas's; on
    /// GitHub Classroom the platform translates their paths (`/**`, `/classrooms/<id>/assignments`).
    package mutating func faultRules(_ plan: FaultPlan) -> [FaultRule<CanvasWorldChange>] {
        counters.rules += 1
        let id = "checker-\(counters.rules)"
        guard plan.choice == .pageShift else {
            guard let fault = plan.choice.fault(origin: origin) else { return [] }
            return [FaultRule(id: id, match: FaultMatch(path: "/api/v1/**", after: plan.skip, times: plan.count), fault: fault)]
        }
        let courses = coursesByID
        let paged = courses.filter { $0.visibleAssignments(seesUnpublished: false).count > 10 }
        return (paged.isEmpty ? courses : paged).map { course in
            let inserted = CanvasAssignment(id: insertedAssignmentID(), name: "Inserted between pages", position: 0)
            return FaultRule(
                id: "\(id)-\(course.id)",
                match: FaultMatch(path: PathPattern("/api/v1/courses/\(course.id)/assignments"), query: ["page": "2"], times: 1),
                fault: .worldChange([.addAssignment(course: course.id, inserted)]))
        }
    }

    /// The id of an assignment a page shift inserts at the front of a course: Canvas puts it first
    /// by position; GitHub Classroom lists by id, so there it gets an id below every other.
    package mutating func insertedAssignmentID() -> Int64 {
        guard plan.platform == .gitHubClassroom else { return nextAssignmentID() }
        counters.inserted += 1
        return CheckerWorld.firstInsertedGitHubAssignmentID + Int64(counters.inserted - 1)
    }

    /// The list a standalone `identifyChanges` sends.
    package func identifyList(_ input: IdentifyInput, source id: String) -> [RawExternalAssignment] {
        let token = model.source(id)?.token ?? canvas.world.users.first?.tokens.first?.token ?? ""
        let polled = model.expectedPoll(of: id, token: token, on: platform) ?? []
        switch input {
        case .asPolled:
            return polled
        case .empty:
            return []
        case .fromMappings(let shift):
            let delta = Duration.milliseconds(shift.milliseconds)
            guard let mappings = model.source(id)?.sortedMappings, !mappings.isEmpty else {
                return polled.map { RawExternalAssignment(externalId: $0.externalId, details: $0.details, externalModificationTimestamp: $0.externalModificationTimestamp.advanced(by: delta)) }
            }
            return mappings.map { entry in
                let details = polled.first { $0.externalId == entry.externalId }?.details ?? ExternalAssignmentDetails(name: "Gone \(entry.externalId)")
                return RawExternalAssignment(externalId: entry.externalId, details: details, externalModificationTimestamp: entry.mapping.timestamp.advanced(by: delta))
            }
        case .perturbed(let seed):
            return Self.perturb(polled, seed: seed)
        }
    }

    /// A seeded edit of a list: items dropped, repeated (same or older), renamed, moved a quarter
    /// second later or a second earlier, and sometimes an id the platform never had.
    package static func perturb(_ list: [RawExternalAssignment], seed: UInt16) -> [RawExternalAssignment] {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9)
        var out: [RawExternalAssignment] = []
        for item in list {
            var edited = item
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: continue
            case 1:
                out.append(item)
                edited.externalModificationTimestamp = item.externalModificationTimestamp.advanced(bySeconds: -3600)
            case 2: out.append(item)
            case 3: edited.details.name += " (edited)"
            case 4: edited.externalModificationTimestamp = item.externalModificationTimestamp.advanced(by: .milliseconds(250))
            case 5: edited.externalModificationTimestamp = item.externalModificationTimestamp.advanced(bySeconds: -1)
            default: break
            }
            out.append(edited)
        }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            out.append(RawExternalAssignment(
                externalId: "x-\(seed)", details: ExternalAssignmentDetails(name: "Not on the platform"),
                externalModificationTimestamp: Timestamp(seconds: 1_756_000_000)))
        }
        return out
    }
}

import ConformanceKit
extension CheckerCommand: CustomStringConvertible {
    /// A one-line, token-free rendering: `connect(owner: ada, name: "Canvas", token: #1)`.
    public var description: String {
        switch self {
        case .connect(let a):
            var text = "connect(owner: \(CheckerWorld.owners[a.owner % CheckerWorld.owners.count]), "
                + "name: \"\(CheckerWorld.sourceNames[a.name % CheckerWorld.sourceNames.count])\", token: \(a.token)"
            if !a.reachable { text += ", baseUrl: unreachable" }
            if !a.supportedType { text += ", sourceType: Moodle" }
            return text + ")"
        case .disconnect(let s): return "disconnect(\(s))"
        case .poll(let s): return "poll(\(s))"
        case .identify(let s, let input): return "identify(\(s), \(input))"
        case .record(let s, let a, let n, let shift):
            return "record(\(s), \(a.unmapped ? "unmapped " : "")assignment #\(a.index), internal: manual-\(n), timestamp: \(shift))"
        case .getSources(let owner): return "getSources(owner: \(CheckerWorld.owners[owner % CheckerWorld.owners.count]))"
        case .getMapped(let s, let a): return "getMapped(\(s), assignment #\(a.index))"
        case .getAssignments(let s): return "getAssignments(\(s))"
        case .addAssignment(let course, let published): return "addAssignment(course #\(course)\(published ? "" : ", unpublished"))"
        case .renameAssignment(let a): return "renameAssignment(#\(a.index))"
        case .moveDueDate(let a, let hours): return hours == 0 ? "clearDueDate(#\(a.index))" : "moveDueDate(#\(a.index), \(hours > 0 ? "+" : "")\(hours)h)"
        case .deleteAssignment(let a): return "deleteAssignment(#\(a.index))"
        case .publishAssignment(let a): return "publishAssignment(#\(a.index))"
        case .unpublishAssignment(let a): return "unpublishAssignment(#\(a.index))"
        case .setTimestampStyle(let k): return "setTimestampStyle(\(CheckerWorld.timestampStyles[k % CheckerWorld.timestampStyles.count]))"
        case .revokeToken(let t): return "revokeToken(\(t))"
        case .expireToken(let t): return "expireToken(\(t))"
        case .issueToken(let user): return "issueToken(user #\(user))"
        case .addCourse(let user, let count): return "addCourse(user #\(user), \(count) assignments)"
        case .advanceClock(let ms): return "advanceClock(\(ms % 1000 == 0 ? "\(ms / 1000)s" : "\(ms)ms"))"
        case .fault(let plan):
            return "fault(\(plan.choice.label), next \(plan.count) request\(plan.count == 1 ? "" : "s")\(plan.skip > 0 ? " after \(plan.skip)" : ""))"
        case .sync(let s, let crash): return "sync(\(s)\(crash.map { ", crash after creating #\($0)" } ?? ""))"
        case .restart: return "restart()"
        case .concurrently(let lanes):
            return "concurrently(" + lanes.enumerated().map { "client \($0.offset + 1): " + $0.element.map(\.description).joined(separator: ", ") }
                .joined(separator: " | ") + ")"
        }
    }
}

extension SourceRef: CustomStringConvertible {
    public var description: String {
        switch self {
        case .connected(let k): "connected #\(k)"
        case .disconnected(let k): "disconnected #\(k)"
        case .unknown: "unknown source"
        }
    }
}

extension TokenRef: CustomStringConvertible {
    public var description: String {
        switch self {
        case .issued(let k): "#\(k)"
        case .bogus: "bogus"
        }
    }
}

extension IdentifyInput: CustomStringConvertible {
    public var description: String {
        switch self {
        case .asPolled: "as polled"
        case .perturbed(let seed): "perturbed #\(seed)"
        case .fromMappings(let shift): "from mappings, \(shift)"
        case .empty: "empty"
        }
    }
}

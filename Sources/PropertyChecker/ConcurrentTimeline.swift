import ConformanceKit
/// A concurrent phase as a text timeline, the way Jepsen's `timeline.html` lays out a history: one
/// column per client, one row per tick (a call sent `>`, its answer read `<`), time flowing down.
/// A call spans the rows from its `>` to its `<`; two calls overlap when their spans do.
///
/// ```
/// tick  client 1                            client 2
///    1  > connectSource(owner: ada, …)
///    2                                      > connectSource(owner: ada, …)
///    3  < {sourceAccount: source-3}         |
///    4                                      < {sourceAccount: source-4}
/// ```
public enum ConcurrentTimeline {
    /// The timeline's lines, each column `width` characters wide (cell text passes through
    /// `normalize` before it is clipped).
    public static func render(_ phase: ConcurrentPhaseRecord, width: Int = 56, normalize: (String) -> String = { $0 }) -> [String] {
        let clients = phase.clients
        var rows: [(tick: Int, client: Int, text: String)] = []
        for call in phase.calls {
            rows.append((call.invoked, call.client, "> " + shortCall(call.call)))
            let answer = call.result.map(ResultText.render) ?? "no answer"
            rows.append((call.completed, call.client, "< " + answer))
        }
        rows.sort { $0.tick < $1.tick }
        var lines = ["tick  " + (0..<clients).map { pad("client \($0 + 1)", width) }.joined().trimmingTrailingSpaces]
        for row in rows {
            var cells = (0..<clients).map { client in
                phase.calls.contains { $0.client == client && $0.invoked < row.tick && row.tick < $0.completed } ? pad("|", width) : pad("", width)
            }
            cells[row.client] = pad(clip(normalize(row.text), width - 2), width)
            lines.append(pad(String(row.tick), 4, leading: true) + "  " + cells.joined().trimmingTrailingSpaces)
        }
        return lines
    }

    /// A call without its noisiest arguments (base URL, token, long lists).
    static func shortCall(_ call: ConceptCall) -> String {
        switch call {
        case .connectSource(let owner, _, let name, _): "connectSource(owner: \(owner), sourceName: \"\(name)\")"
        case .recordInternalSync(let source, let externalId, let internalId, _): "recordInternalSync(\(source), \(externalId) → \(internalId))"
        case .identifyChanges(let source, let raw): "identifyChanges(\(source), \(raw.count) raw)"
        default: "\(call)"
        }
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(0, limit - 1))) + "…"
    }

    static func pad(_ text: String, _ width: Int, leading: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return leading ? fill + text : text + fill
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

import ConformanceKit
import Foundation
import JUnitXML
import PropertyChecker

extension HTMLReport {
    /// Unexpected results grouped by root cause, biggest group first: each case with its message,
    /// expected against actual, the story it ran (its steps), and a replay command.
    func groups() -> String {
        let unexpected = cases.filter { if case .failure = $0.outcome { true } else if case .error = $0.outcome { true } else { false } }
        var html = "<section id=\"unexpected\"><h2>Unexpected results (\(unexpected.count))</h2>\n"
        guard !unexpected.isEmpty else { return html + "<p class=\"pass\">None: every scenario and the property checker ended as expected.</p></section>\n" }
        var order: [String] = []
        var byCause: [String: [JUnitCase]] = [:]
        for item in unexpected {
            let key = Self.value("root.cause", of: item) ?? Self.message(of: item)
            if byCause[key] == nil { order.append(key) }
            byCause[key, default: []].append(item)
        }
        order.sort { (byCause[$0]?.count ?? 0, $1) > (byCause[$1]?.count ?? 0, $0) }
        for (index, key) in order.enumerated() {
            let members = byCause[key] ?? []
            let first = members[0]
            let signature = Self.value("root.cause.signature", of: first) ?? Self.message(of: first)
            let (css, word, mark) = Self.result(of: first)
            html += "<div class=\"group\" id=\"cause-\(index + 1)\"><h3 class=\"\(css)\">\(mark) \(members.count) × \(word): \(HTMLText.escape(signature))</h3>\n"
            for (position, item) in members.enumerated() {
                if position == 3 { html += "<details><summary>\(members.count - 3) more with this cause</summary>\n" }
                html += caseBlock(item)
            }
            if members.count > 3 { html += "</details>\n" }
            html += "</div>\n"
        }
        return html + "</section>\n"
    }

    /// One unexpected case: what it broke, the concurrent timeline if any, its story, its replay.
    func caseBlock(_ item: JUnitCase) -> String {
        var html = "<h4>\(HTMLText.escape(item.name))</h4>\n"
        if let spec = Self.value("spec", of: item) {
            html += "<p>pins \(spec.split(separator: " ").map { "<a href=\"#clause-\(HTMLText.anchor(String($0)))\"><code>\(HTMLText.escape(String($0)))</code></a>" }.joined(separator: ", "))</p>\n"
        }
        html += "<p>\(HTMLText.escape(Self.message(of: item)))</p>\n"
        if let body = Self.body(of: item), !body.isEmpty { html += "<pre>\(HTMLText.escape(body))</pre>\n" }
        if let timeline = Self.timeline(in: item.systemOut ?? "") { html += timeline }
        if let story = item.systemOut, !story.isEmpty {
            html += "<details><summary>the story it ran (\(story.split(separator: "\n").count) lines)</summary><pre>\(HTMLText.escape(story))</pre></details>\n"
        }
        if let replay = Self.value("replay", of: item) { html += HTMLText.command(replay) }
        return html
    }

    /// The last concurrent phase of a checker case's history as a table, one lane per client.
    static func timeline(in history: String) -> String? {
        guard let line = history.split(separator: "\n").last(where: { $0.contains(" concurrent [client ") }) else { return nil }
        var text = String(line[line.range(of: "concurrent ")!.upperBound...])
        if let requests = text.range(of: " || requests ") { text = String(text[..<requests.lowerBound]) }
        var events: [(tick: Int, client: Int, text: String)] = []
        for part in text.components(separatedBy: " | [client ") {
            let body = part.hasPrefix("[client ") ? String(part.dropFirst("[client ".count)) : part
            guard let close = body.firstIndex(of: "]"), let at = body.range(of: " @") else { continue }
            let client = Int(body[..<at.lowerBound]) ?? 0
            let ticks = body[at.upperBound..<close].split(separator: "-").compactMap { Int($0) }
            guard ticks.count == 2, client > 0 else { continue }
            let call = body[body.index(after: close)...].trimmingCharacters(in: .whitespaces)
            let arrow = call.range(of: " -> ")
            events.append((ticks[0], client, "&gt; " + HTMLText.escape(clip(arrow.map { String(call[..<$0.lowerBound]) } ?? call))))
            events.append((ticks[1], client, "&lt; " + HTMLText.escape(clip(arrow.map { String(call[$0.upperBound...]) } ?? ""))))
        }
        guard let clients = events.map(\.client).max(), clients >= 1 else { return nil }
        var html = "<p>The concurrent phase, one lane per client, time flowing down (&gt; sent, &lt; answered):</p><div class=\"scroll\"><table class=\"timeline\"><thead><tr><th>tick</th>"
        html += (1...clients).map { "<th>client \($0)</th>" }.joined() + "</tr></thead><tbody>"
        for event in events.sorted(by: { $0.tick < $1.tick }) {
            html += "<tr><td>\(event.tick)</td>" + (1...clients).map { $0 == event.client ? "<td>\(event.text)</td>" : "<td></td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>\n"
    }

    /// At most 72 characters (the page keeps a lane narrow enough for a phone).
    static func clip(_ text: String) -> String {
        text.count <= 72 ? text : String(text.prefix(71)) + "…"
    }

    /// What the property checker saw that the spec cannot promise.
    func findings() -> String {
        var counts: [String: Int] = [:]
        for item in cases { for property in item.properties where property.name == "finding" { counts[property.value, default: 0] += 1 } }
        var html = "<section id=\"findings\"><h2>Findings about the spec (not failures)</h2>\n"
        guard !counts.isEmpty else { return html + "<p>None this run.</p></section>\n" }
        html += "<ul>"
        for id in counts.keys.sorted() {
            let known = Finding.catalogue.first { $0.id == id }
            html += "<li><code>\(HTMLText.escape(id))</code> ×\(counts[id]!): \(HTMLText.escape(known?.title ?? ""))"
                + (known.map { "<br><small>\(HTMLText.escape($0.explanation))</small>" } ?? "") + "</li>"
        }
        return html + "</ul></section>\n"
    }

    /// What did not run, grouped by the reason (source types the implementation does not declare,
    /// checker cases after its first failure, expected and tolerated failures).
    func skipped() -> String {
        var order: [String] = []
        var byReason: [String: Int] = [:]
        for item in cases {
            guard case .skipped(let message) = item.outcome else { continue }
            let reason = message.replacing(/[0-9]+/, with: "N")
            if byReason[reason] == nil { order.append(reason) }
            byReason[reason, default: 0] += 1
        }
        let html = "<section id=\"skipped\"><h2>Skipped (\(byReason.values.reduce(0, +)))</h2>\n"
        guard !order.isEmpty else { return html + "<p>Nothing was skipped.</p></section>\n" }
        return html + "<ul>" + order.map { "<li>\(byReason[$0]!) × \(HTMLText.escape($0))</li>" }.joined() + "</ul></section>\n"
    }

    static func value(_ name: String, of item: JUnitCase) -> String? {
        item.properties.first { $0.name == name }?.value
    }

    static func message(of item: JUnitCase) -> String {
        switch item.outcome {
        case .failure(let message, _, _), .error(let message, _, _): message
        case .skipped(let message): message
        case .passed: ""
        }
    }

    static func body(of item: JUnitCase) -> String? {
        switch item.outcome {
        case .failure(_, _, let body), .error(_, _, let body): body
        default: nil
        }
    }
}

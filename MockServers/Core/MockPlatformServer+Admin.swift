import Foundation
import KitPrimitives
import NIOCore

extension MockPlatformServer {
    /// The control API under `/__mock/` (JSON in, JSON out; never journaled, never faulted).
    ///
    /// - `GET /__mock/health`, `/__mock/clock`, `/__mock/world` (tokens redacted),
    ///   `/__mock/journal?after=N`, `/__mock/faults`
    /// - `POST /__mock/<command>` with the command's arguments as the body: the control commands of
    ///   ``MockControlCommand``, the platform's settings and every world change by name.
    func admin(_ request: MockRequest) -> MockResponse {
        let name = String(request.path.dropFirst("/__mock".count).drop { $0 == "/" })
        switch (request.method, name) {
        case ("GET", "health"):
            return AdminResponse.json(200, ["ok": true])
        case ("GET", "clock"):
            return AdminResponse.json(200, ["now": now.rfc3339()])
        case ("GET", "world"):
            return AdminResponse.encodable(world.redactingTokens())
        case ("GET", "journal"):
            let after = Int(request.queryValue("after") ?? "0") ?? 0
            let (entries, dropped, next) = read { ($0.journal.entries(after: after), $0.journal.dropped, $0.journal.nextSequence) }
            return AdminResponse.encodable(JournalPage(entries: Array(entries), dropped: dropped, nextSequence: next))
        case ("GET", "faults"):
            return AdminResponse.encodable(faultRules)
        case ("POST", _), ("PUT", _):
            do {
                let command = try MockControlCommand<Platform>(name: name, payload: request.bodyText)
                try perform(command)
                return AdminResponse.json(200, ["ok": true, "now": now.rfc3339()])
            } catch {
                return AdminResponse.error(error)
            }
        default:
            return AdminResponse.error(MockError(.invalidCommand, "no admin endpoint \(request.method) /__mock/\(name)"), status: 404)
        }
    }
}

/// One page of the journal as `GET /__mock/journal` returns it.
struct JournalPage: Encodable {
    var entries: [JournalEntry]
    var dropped: Int
    var nextSequence: Int
    enum CodingKeys: String, CodingKey { case entries, dropped, nextSequence = "next_sequence" }
}

/// The control API's response bodies: JSON with sorted keys, errors with code, field and line.
enum AdminResponse {
    static func json(_ status: Int, _ object: [String: any Sendable]) -> MockResponse {
        var fields: [(String, JSONValue)] = []
        for key in object.keys.sorted() {
            switch object[key] {
            case let b as Bool: fields.append((key, .bool(b)))
            case let s as String: fields.append((key, .string(s)))
            case let i as Int: fields.append((key, .int(Int64(i))))
            default: fields.append((key, .null))
            }
        }
        return .json(status, ByteBuffer(bytes: JSONValue.object(fields).bytes))
    }

    static func encodable<T: Encodable>(_ value: T) -> MockResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return .json(200, ByteBuffer(bytes: try encoder.encode(value)))
        } catch {
            return self.error(MockError(.invalidCommand, "cannot encode: \(error)"), status: 500)
        }
    }

    static func error(_ error: any Error, status: Int = 400) -> MockResponse {
        let mockError = error as? MockError ?? MockError(.invalidCommand, "\(error)")
        var fields: [(String, JSONValue)] = [("code", .string(mockError.code.rawValue)), ("message", .string(mockError.message))]
        if let location = mockError.location {
            if let field = location.field { fields.append(("field", .string(field))) }
            if let line = location.line { fields.append(("line", .int(Int64(line)))) }
        }
        fields.append(("description", .string(mockError.description)))
        return .json(status, ByteBuffer(bytes: JSONValue.object([("error", .object(fields))]).bytes))
    }
}

import Foundation
import MockServerCore
import ConformanceKit

/// How to reach a real, deployed implementation, in one YAML file (`conformance run --adapter FILE`):
/// its base, routes that differ from the contract's, headers and body fields for every call, how to
/// get a session for each owner, spec names for its free-text errors, and the source types it supports.
///
/// ```yaml
/// base: http://127.0.0.1:8000/api
/// sourceTypes: [Canvas]
/// routes: {_getSourcesForUser: ExternalAssignmentSync/getSourcesForUser}
/// headers: {X-Api-Key: "${MY_API_KEY}"}
/// session:
///   calls:
///     - {route: UserAuthentication/register, body: {username: "{owner}", password: "{password}"}, optional: true}
///     - {route: UserAuthentication/login, body: {username: "{owner}", password: "{password}"}, token: session, user: user}
///   send: {body: session}
/// owner_from_session: true
/// errors:
///   - {match: "(?i)invalid credentials", name: InvalidCredentialsError}
/// ```
///
/// `${NAME}` in a header or body value is read from the environment (so the file holds no secret);
/// a malformed file, an unknown key or an unset variable is an error naming the file, line and field.
public struct AdapterFile: Sendable {
    public var base: String?
    public var profile: WireProfile?
    public var sourceTypes: [SourcePlatform]?
    public var routes: [String: String] = [:]
    public var headers: [(name: String, value: String)] = []
    public var body: [(name: String, value: JSONValue)] = []
    public var session: SessionPlan?
    public var errorRules: [ErrorNameMap.Rule] = []
    /// The file it was read from.
    public var path: String

    /// The error code of a malformed adapter file.
    public static let errorCode = MockError.Code(rawValue: "invalid-adapter")

    /// Reads and checks an adapter file; `environment` fills `${NAME}`.
    public static func load(contentsOf path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(MockError) -> AdapterFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MockError(.unreadableFile, "cannot read the adapter file", location: .init(file: path))
        }
        let decoded = try YAMLDocument.decode(
            AdapterFileSyntax.self, from: text, file: path, code: errorCode, userInfo: [AdapterFileSyntax.environmentKey: environment])
        return decoded.adapter(path: path)
    }

    /// Applies the file to an HTTP configuration (after `--sut`, before `--route`, `--header` and
    /// `--body-field`, which add to or override it).
    public func apply(to configuration: inout HTTPImplementation.Configuration) {
        configuration.routes.merge(routes) { _, new in new }
        configuration.headers += headers
        configuration.extraBodyFields += body
        configuration.session = session
        configuration.errorNames = ErrorNameMap(rules: errorRules)
    }
}

/// The file's syntax, decoded with keys checked (an unknown key is an error, so a typo never passes
/// silently) and `${NAME}` read from the environment.
package struct AdapterFileSyntax: Decodable {
    package static let environmentKey = CodingUserInfoKey(rawValue: "eas.environment")!

    package var file: AdapterFile

    package func adapter(path: String) -> AdapterFile {
        var located = file
        located.path = path
        return located
    }

    package enum Keys: String, CodingKey, CaseIterable {
        case base, profile, sourceTypes, routes, headers, body, session, errors
        case ownerFromSession = "owner_from_session"
    }

    package init(from decoder: any Decoder) throws {
        let environment = decoder.userInfo[Self.environmentKey] as? [String: String] ?? [:]
        let c = try decoder.container(keyedBy: AnyKey.self)
        try AnyKey.rejectUnknown(in: c, known: Keys.allCases.map(\.rawValue))
        func key(_ k: Keys) -> AnyKey { AnyKey(k.rawValue) }
        var file = AdapterFile(path: "")
        file.base = try c.decodeIfPresent(String.self, forKey: key(.base))
        if let text = try c.decodeIfPresent(String.self, forKey: key(.profile)) {
            guard let profile = WireProfile(rawValue: text) else {
                throw DecodingError.dataCorruptedError(forKey: key(.profile), in: c, debugDescription: "profile must be strict or compat-6104, got '\(text)'")
            }
            file.profile = profile
        }
        if let names = try c.decodeIfPresent([String].self, forKey: key(.sourceTypes)) {
            do {
                file.sourceTypes = try SourcePlatform.parseList(names.joined(separator: ","))
            } catch {
                throw DecodingError.dataCorruptedError(forKey: key(.sourceTypes), in: c, debugDescription: "\(error)")
            }
        }
        let routes = try c.decodeIfPresent([String: String].self, forKey: key(.routes)) ?? [:]
        if routes.keys.contains(where: { ConceptVocabulary.named($0) == nil }) {
            let routeContainer = try c.nestedContainer(keyedBy: AnyKey.self, forKey: key(.routes))
            try AnyKey.rejectUnknown(in: routeContainer, known: ConceptVocabulary.names, what: "call")
        }
        file.routes = routes
        let headers = try c.decodeIfPresent([String: String].self, forKey: key(.headers)) ?? [:]
        file.headers = try headers.sorted { $0.key < $1.key }.map { entry in
            (name: entry.key, value: try Self.fill(entry.value, c, key(.headers), environment))
        }
        let body = try c.decodeIfPresent([String: YAMLJSON].self, forKey: key(.body)) ?? [:]
        file.body = try body.sorted { $0.key < $1.key }.map { entry in
            guard case .string(let text) = entry.value.value else { return (name: entry.key, value: entry.value.value) }
            return (name: entry.key, value: JSONValue.string(try Self.fill(text, c, key(.body), environment)))
        }
        let ownerFromSession = try c.decodeIfPresent(Bool.self, forKey: key(.ownerFromSession)) ?? false
        if var session = try c.decodeIfPresent(SessionSyntax.self, forKey: key(.session))?.plan {
            session.ownerFromSession = ownerFromSession
            file.session = session
        } else if ownerFromSession {
            throw DecodingError.dataCorruptedError(forKey: key(.ownerFromSession), in: c, debugDescription: "owner_from_session needs a session: section")
        }
        file.errorRules = try c.decodeIfPresent([ErrorRuleSyntax].self, forKey: key(.errors))?.map(\.rule) ?? []
        self.file = file
    }

    /// `text` with `${NAME}` read from `environment`; an unset name is an error at `key`.
    package static func fill(_ text: String, _ c: KeyedDecodingContainer<AnyKey>, _ key: AnyKey, _ environment: [String: String]) throws -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            out += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close])
            guard let value = environment[name] else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "the environment variable \(name) is not set")
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

/// `session:` in an adapter file.
package struct SessionSyntax: Decodable {
    package var plan: SessionPlan

    package enum Keys: String, CaseIterable { case calls, password, send }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try AnyKey.rejectUnknown(in: c, known: Keys.allCases.map(\.rawValue))
        let calls = try c.decode([SessionCallSyntax].self, forKey: AnyKey("calls")).map(\.call)
        guard !calls.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: AnyKey("calls"), in: c, debugDescription: "at least one call is needed")
        }
        guard calls.contains(where: { $0.tokenPath != nil }) else {
            throw DecodingError.dataCorruptedError(forKey: AnyKey("calls"), in: c, debugDescription: "one call must say where the token is (token: PATH)")
        }
        let send = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("send"))
        try AnyKey.rejectUnknown(in: send, known: ["body", "header", "format"])
        let delivery: SessionPlan.Delivery
        if let field = try send.decodeIfPresent(String.self, forKey: AnyKey("body")) {
            delivery = .bodyField(field)
        } else if let header = try send.decodeIfPresent(String.self, forKey: AnyKey("header")) {
            let format = try send.decodeIfPresent(String.self, forKey: AnyKey("format")) ?? "{token}"
            guard format.contains("{token}") else {
                throw DecodingError.dataCorruptedError(forKey: AnyKey("format"), in: send, debugDescription: "the format must contain {token}")
            }
            delivery = .header(name: header, format: format)
        } else {
            throw DecodingError.dataCorruptedError(forKey: AnyKey("send"), in: c, debugDescription: "send needs body: FIELD or header: NAME")
        }
        plan = SessionPlan(
            calls: calls, password: try c.decodeIfPresent(String.self, forKey: AnyKey("password")) ?? SessionPlan.defaultPassword,
            delivery: delivery)
    }
}

/// One entry of `session.calls`.
package struct SessionCallSyntax: Decodable {
    package var call: SessionPlan.Call

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try AnyKey.rejectUnknown(in: c, known: ["route", "body", "optional", "token", "user"])
        call = SessionPlan.Call(
            route: try c.decode(String.self, forKey: AnyKey("route")),
            body: try c.decodeIfPresent(YAMLJSON.self, forKey: AnyKey("body"))?.value ?? .object([]),
            optional: try c.decodeIfPresent(Bool.self, forKey: AnyKey("optional")) ?? false,
            tokenPath: try c.decodeIfPresent(String.self, forKey: AnyKey("token")),
            userPath: try c.decodeIfPresent(String.self, forKey: AnyKey("user")))
    }
}

/// One entry of `errors:`.
package struct ErrorRuleSyntax: Decodable {
    package var rule: ErrorNameMap.Rule

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        try AnyKey.rejectUnknown(in: c, known: ["match", "name"])
        let pattern = try c.decode(String.self, forKey: AnyKey("match"))
        let name = try c.decode(String.self, forKey: AnyKey("name"))
        let specNames = Set(ConceptVocabulary.operations.flatMap(\.errors) + ["SourceNotFound"])
        guard specNames.contains(name) else {
            throw DecodingError.dataCorruptedError(
                forKey: AnyKey("name"), in: c, debugDescription: "'\(name)' is not a spec error name; expected one of \(specNames.sorted().joined(separator: ", "))")
        }
        guard let rule = ErrorNameMap.Rule(pattern: pattern, name: name) else {
            throw DecodingError.dataCorruptedError(forKey: AnyKey("match"), in: c, debugDescription: "not a valid regular expression: \(pattern)")
        }
        self.rule = rule
    }
}

/// Any YAML value, as JSON (for request bodies).
package struct YAMLJSON: Decodable {
    package var value: JSONValue

    package init(from decoder: any Decoder) throws {
        if let map = try? decoder.container(keyedBy: AnyKey.self) {
            value = .object(try map.allKeys.sorted { $0.stringValue < $1.stringValue }.map { ($0.stringValue, try map.decode(YAMLJSON.self, forKey: $0).value) })
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !list.isAtEnd { items.append(try list.decode(YAMLJSON.self).value) }
            value = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let bool = try? single.decode(Bool.self) {
            value = .bool(bool)
        } else if let int = try? single.decode(Int64.self) {
            value = .int(int)
        } else if let double = try? single.decode(Double.self) {
            value = .double(double)
        } else {
            value = .string(try single.decode(String.self))
        }
    }
}

/// A coding key for any name.
package struct AnyKey: CodingKey, Hashable {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }

    /// Throws at the first key of `container` that is not `known`.
    package static func rejectUnknown(in container: KeyedDecodingContainer<AnyKey>, known: [String], what: String = "key") throws {
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "unknown \(what) '\(key.stringValue)'; expected one of \(known.joined(separator: ", "))")
        }
    }
}

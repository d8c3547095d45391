import MockServerCore
import ConformanceKit

/// How the adapter gets a session for each owner the kit uses, for an implementation behind
/// authentication (a deployed 6.104 app): the calls that make one (register, then log in), where the
/// token is in the answer, and how every concept call then carries it.
///
/// ```yaml
/// session:
///   calls:
///     - {route: UserAuthentication/register, body: {username: "{owner}", password: "{password}"}, optional: true}
///     - {route: UserAuthentication/login, body: {username: "{owner}", password: "{password}"}, token: session, user: user}
///   send: {body: session}
/// owner_from_session: true
/// ```
public struct SessionPlan: Sendable, Hashable {
    /// One HTTP call of the plan: `POST {base}/{route}` (or an absolute URL) with a JSON body whose
    /// strings may hold `{owner}` and `{password}`.
    public struct Call: Sendable, Hashable {
        public var route: String
        public var body: JSONValue
        /// An error answer is fine (e.g. registering an owner that already exists).
        public var optional: Bool = false
        /// Where the token is in the answer (`session`, `data.token`, `[0].session`).
        public var tokenPath: String?
        /// Where the app's id of the user is in the answer, when it sends one.
        public var userPath: String?
    }

    /// How a concept call carries the session.
    public enum Delivery: Sendable, Hashable {
        /// As a body field (`sessionToken`, `session`).
        case bodyField(String)
        /// As a header, `format` with `{token}` in it (`Bearer {token}`).
        case header(name: String, format: String)
    }

    public var calls: [Call]
    /// The password template (`{owner}` stands for the owner); derived from the owner, never random,
    /// so a later run logs in as the same users.
    public var password: String = SessionPlan.defaultPassword
    public var delivery: Delivery
    /// The app takes `owner` (connectSource) and `user` (_getSourcesForUser) from the session: the
    /// adapter addresses each owner through that owner's session and leaves those fields out.
    public var ownerFromSession: Bool = false

    /// The password template when the file gives none.
    public static let defaultPassword = "conformance-{owner}-pw"

    /// `value` with `{owner}` and `{password}` filled in every string.
    func fill(_ value: JSONValue, owner: String) -> JSONValue {
        let password = self.password.replacing("{owner}", with: owner)
        switch value {
        case .string(let text): return .string(text.replacing("{owner}", with: owner).replacing("{password}", with: password))
        case .array(let items): return .array(items.map { fill($0, owner: owner) })
        case .object(let fields): return .object(fields.map { ($0.0, fill($0.1, owner: owner)) })
        default: return value
        }
    }

    /// The value at a dotted path (`data.token`, `[0].session`), as text.
    static func text(at path: String, in value: JSONValue) -> String? {
        var current: JSONValue? = value
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indexes: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"), let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indexes.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { current = current?[String(name)] }
            for index in indexes {
                guard case .array(let items)? = current, items.indices.contains(index) else { return nil }
                current = items[index]
            }
        }
        switch current {
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        default: return nil
        }
    }
}

import Foundation

/// A platform base URL (`https://canvas.example.edu`, `https://ghe.example.com/api/v3`), split into the
/// origin the token may be sent to and the prefix API paths go under.
struct PlatformBaseURL: Sendable, Equatable {
    /// `scheme://host[:port]`, lowercased scheme and host, default ports omitted.
    let origin: String
    /// A path prefix without a trailing slash (usually empty).
    let prefix: String

    /// Parses `text`; nil when it is not an absolute http(s) URL with a host.
    init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        guard let schemeEnd = trimmed.range(of: "://") else { return nil }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = trimmed[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.isEmpty, !authority.contains("@"), !authority.contains(" ") else { return nil }
        guard let normalized = Self.normalizedOrigin(scheme: scheme, authority: String(authority)) else { return nil }
        origin = normalized
        var path = String(rest[authorityEnd...].prefix { $0 != "?" && $0 != "#" })
        while path.hasSuffix("/") { path.removeLast() }
        prefix = path
    }

    /// The absolute URL of an API path such as `/api/v1/users/self`.
    func url(_ path: String) -> String { origin + prefix + path }

    /// The normalized origin of an absolute URL (nil when it is not one).
    static func origin(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return normalizedOrigin(scheme: scheme, authority: String(rest[..<authorityEnd]))
    }

    private static func normalizedOrigin(scheme: String, authority: String) -> String? {
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var host = authority.lowercased()
        if scheme == "http", host.hasSuffix(":80") { host.removeLast(3) }
        if scheme == "https", host.hasSuffix(":443") { host.removeLast(4) }
        return scheme + "://" + host
    }
}

import MockServerCore
import NIOHTTP1

/// How a request carried its token: GitHub reads `Authorization: Bearer T` and `Authorization: token T`
/// (schemes are case-insensitive). Any other `Authorization` value is a credential GitHub cannot
/// use (`401 Bad credentials`); no header at all is an anonymous request.
enum GitHubCredential {
    static func read(_ request: MockRequest) -> PlatformCredential {
        guard let header = request.headers.first(name: "authorization") else {
            return PlatformCredential(token: nil, kind: .none)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return PlatformCredential(token: nil, kind: .other) }
        let token = String(parts[1]).trimmingSpaces
        guard !token.isEmpty else { return PlatformCredential(token: nil, kind: .other) }
        switch parts[0].lowercased() {
        case "bearer": return PlatformCredential(token: token, kind: .bearer)
        case "token": return PlatformCredential(token: token, kind: .token)
        default: return PlatformCredential(token: nil, kind: .other)
        }
    }
}

extension String {
    /// The string without leading or trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }
        var end = scalars.endIndex
        while end > scalars.startIndex, scalars[scalars.index(before: end)] == " " || scalars[scalars.index(before: end)] == "\t" {
            end = scalars.index(before: end)
        }
        return String(String.UnicodeScalarView(scalars[scalars.startIndex..<end]))
    }
}

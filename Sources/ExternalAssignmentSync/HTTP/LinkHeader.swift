/// Reads an RFC 8288 `Link` header as Canvas (`<url>; rel="next",<url>; rel="last"`) and GitHub (`, ` between links) write it,
/// also accepting unquoted `rel` values and several relations in one `rel`.
enum LinkHeader {
    /// The URL with relation `rel`, if any.
    static func url(rel wanted: String, in header: String) -> String? {
        var rest = Substring(header)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return nil }
            let url = rest[rest.index(after: open)..<close]
            let paramsEnd = rest[close...].firstIndex(of: "<") ?? rest.endIndex
            let params = rest[rest.index(after: close)..<paramsEnd]
            for param in params.split(separator: ";") {
                let parts = param.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
                guard parts.count == 2, parts[0].lowercased() == "rel" else { continue }
                let value = parts[1].trimmingCharacters("\",")
                if value.split(separator: " ").contains(where: { $0.lowercased() == wanted }) { return String(url) }
            }
            rest = rest[paramsEnd...]
        }
        return nil
    }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        let s = self.drop { $0 == " " || $0 == "\t" }
        return Substring(s.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    func trimmingCharacters(_ set: String) -> Substring {
        let s = self.trimmingSpaces.drop { set.contains($0) }
        return Substring(s.reversed().drop { set.contains($0) || $0 == " " }.reversed())
    }
}

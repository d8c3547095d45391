import MockServerCore

/// GitHub's page-number pagination for the list endpoints, as a client sees it.
///
/// - `per_page` defaults to 30; values above 100 are clamped to 100; a value that is not a positive
///   integer (`0`, `-5`, `abc`) falls back to 30, as GitHub ignores parameters it cannot use (no 422).
/// - `page` defaults to 1; a value that is not a positive integer is page 1. A page past the end is `200 []`.
/// - The `link` header lists `prev`, `next`, `last`, `first` in that order (each only when it applies:
///   no `prev`/`first` on page 1, no `next`/`last` on the last page), joined by `, ` (comma and space).
///   Each URL is the request's own path and query with `page` replaced and moved to the end, so
///   `per_page` and every other parameter are echoed as sent. One page (and page 1): no `link` header.
struct GitHubPagination {
    /// The 1-based page asked for.
    var page: Int
    /// The effective page size.
    var perPage: Int

    static let defaultPerPage = 30
    static let maximumPerPage = 100

    init(request: MockRequest) {
        let asked = Self.positiveInteger(request.queryValue("per_page"))
        perPage = asked.map { min(Self.maximumPerPage, $0) } ?? Self.defaultPerPage
        page = Self.positiveInteger(request.queryValue("page")) ?? 1
    }

    /// The index range of this page within a collection of `count` items (empty past the end).
    func range(count: Int) -> Range<Int> {
        let start = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !start.overflow, start.partialValue < count else { return count..<count }
        return start.partialValue..<min(count, start.partialValue + perPage)
    }

    /// The `link` header for a collection of `count` items, or nil when there is only this one page.
    func linkHeader(request: MockRequest, count: Int) -> String? {
        let lastPage = max(1, (count + perPage - 1) / perPage)
        guard lastPage > 1 || page > 1 else { return nil }
        let kept = request.rawQuery.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return PercentEncoding.decode(String(name), plusIsSpace: true) != "page"
        }
        let prefix = request.origin + request.path + "?" + kept.map { $0 + "&" }.joined()
        func link(_ n: Int, _ rel: String) -> String { "<\(prefix)page=\(n)>; rel=\"\(rel)\"" }
        var links: [String] = []
        if page > 1 { links.append(link(min(page - 1, lastPage), "prev")) }
        if page < lastPage {
            links.append(link(page + 1, "next"))
            links.append(link(lastPage, "last"))
        }
        if page > 1 { links.append(link(1, "first")) }
        return links.joined(separator: ", ")
    }

    /// A positive integer written in plain digits, or nil.
    static func positiveInteger(_ text: String?) -> Int? {
        guard let text, !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let value = Int(text), value >= 1
        else { return nil }
        return value
    }
}

import MockServerCore

/// Canvas's numbered pagination (`lib/api.rb`, the folio gem), exactly as a client sees it.
///
/// - `per_page` defaults to 10 and is clamped to 1...100 after Ruby's `to_i` (`abc` → 1).
/// - `page` must be a positive integer; anything else is a 404. A page past the end is `200 []`.
/// - `Link` holds absolute URLs on the origin the client used, in the order current, next, prev,
///   first, last, joined by `,` without a space; each repeats the other query parameters (sorted
///   and encoded as Rails' `to_query` does, without `access_token`), then `page` and `per_page`.
struct CanvasPagination {
    /// The 1-based page asked for.
    var page: Int
    /// The effective page size.
    var perPage: Int

    /// Reads `page` and `per_page`; nil when `page` is not a positive integer (Canvas answers 404).
    init?(request: MockRequest) {
        perPage = min(100, max(1, Self.rubyToI(request.queryValue("per_page")) ?? 10))
        if let raw = request.queryValue("page") {
            guard !raw.isEmpty, raw.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(raw), value >= 1 else {
                return nil
            }
            page = value
        } else {
            page = 1
        }
    }

    /// The index range of this page within a collection of `count` items (empty past the end).
    func range(count: Int) -> Range<Int> {
        let start = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !start.overflow, start.partialValue < count else { return count..<count }
        return start.partialValue..<min(count, start.partialValue + perPage)
    }

    /// The `Link` header for a collection of `count` items.
    func linkHeader(request: MockRequest, count: Int) -> String {
        let lastPage = max(1, (count + perPage - 1) / perPage)
        let base = request.origin + request.path + "?" + Self.otherParameters(request)
        func url(_ n: Int) -> String { "<\(base)page=\(n)&per_page=\(perPage)>" }
        var links = ["\(url(page)); rel=\"current\""]
        if page < lastPage { links.append("\(url(page + 1)); rel=\"next\"") }
        if page > 1 { links.append("\(url(page - 1)); rel=\"prev\"") }
        links.append("\(url(1)); rel=\"first\"")
        links.append("\(url(lastPage)); rel=\"last\"")
        return links.joined(separator: ",")
    }

    /// The non-paging parameters as Rails' `to_query` writes them, with a trailing `&` when non-empty.
    static func otherParameters(_ request: MockRequest) -> String {
        let excluded: Set<String> = ["page", "per_page", "access_token", "api_key"]
        let kept = request.query.enumerated().filter { !excluded.contains($0.element.name) }
        // Rails sorts by key; values of one key keep their order.
        let sorted = kept.sorted { ($0.element.name, $0.offset) < ($1.element.name, $1.offset) }
        guard !sorted.isEmpty else { return "" }
        return sorted.map { PercentEncoding.encodeComponent($0.element.name) + "=" + PercentEncoding.encodeComponent($0.element.value) }
            .joined(separator: "&") + "&"
    }

    /// Ruby's `String#to_i`: leading whitespace, optional sign, leading digits; 0 when none.
    static func rubyToI(_ text: String?) -> Int? {
        guard let text else { return nil }
        var chars = Substring(text).drop { $0 == " " }
        var sign = 1
        if let first = chars.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            chars = chars.dropFirst()
        }
        let digits = chars.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return 0 }
        return (Int(digits.prefix(9)) ?? 0) * sign
    }
}

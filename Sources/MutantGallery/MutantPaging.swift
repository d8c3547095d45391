import Foundation
import ConformanceKit
import PropertyChecker

/// The page walk both mutant clients share: follow `Link: rel="next"` on the base origin, decoding
/// each page, and keep what was read before a failure (some mutants return it).
package enum MutantPaging {
    /// A failure: a spec error name and a message.
    package struct Failure: Error, Sendable {
        var name: String
        var message: String
    }

    /// A failure part-way through a list, with the items read before it.
    package struct PageFailure<Item: Sendable>: Error {
        var failure: Failure
        var partial: [Item]
    }

    /// The items of every page from `first` (or of the first page only), or the failure with the
    /// items before it. `get` fetches one URL: its body and `Link` header, or the mapped failure.
    package static func pages<Item: Decodable>(
        from first: String, baseUrl: String, platform: String, firstOnly: Bool, anyOrigin: Bool = false,
        get: (String) async -> Result<(Data, String?), Failure>
    ) async -> Result<[Item], PageFailure<Item>> {
        var items: [Item] = []
        var next: String? = first
        var visited = 0
        while let url = next, visited < 1000 {
            visited += 1
            switch await get(url) {
            case .failure(let failure): return .failure(PageFailure(failure: failure, partial: items))
            case .success(let (body, link)):
                guard let page = try? JSONDecoder().decode([Item].self, from: body) else {
                    return .failure(PageFailure(failure: Failure(name: "NetworkError", message: "\(platform) sent a malformed body"), partial: items))
                }
                items += page
                next = firstOnly ? nil : link.flatMap(nextLink)
                if let target = next, !anyOrigin, !target.hasPrefix(baseUrl) {
                    return .failure(PageFailure(failure: Failure(name: "SourceConnectionError", message: "\(platform) linked to another origin"), partial: items))
                }
            }
        }
        return .success(items)
    }

    /// The `rel="next"` URL of a `Link` header.
    package static func nextLink(_ header: String) -> String? {
        for part in header.split(separator: ",") where part.contains("rel=\"next\"") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close else { continue }
            return String(part[part.index(after: open)..<close])
        }
        return nil
    }
}

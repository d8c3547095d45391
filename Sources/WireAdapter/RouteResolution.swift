import MockServerCore
import ConformanceKit

/// Where each call goes, decided once per run before the first scenario.
///
/// A route given with `--route` or in the adapter file is used as it is. A query's route is found by
/// trying its candidates (``ConceptVocabulary/Operation/routeCandidates``: `_getSourcesForUser`,
/// then `getSourcesForUser`) with a harmless query; the first that is not HTTP 404 is used. An
/// action is never probed (that would change state): it goes to the contract's route. When every
/// candidate of a query is missing, calls go to the first and their 404 names every candidate tried.
///
/// ```swift
/// let resolution = await RouteResolution.resolve(configuration)
/// for line in resolution.lines { print(line) }     // _getSourcesForUser -> /api/ExternalAssignmentSync/getSourcesForUser (found)
/// let resolved = resolution.configuration
/// ```
public struct RouteResolution: Sendable {
    /// How a route was decided.
    public enum Origin: String, Sendable, Hashable {
        /// Named by `--route` or the adapter file.
        case given
        /// The contract's route (actions, which are not probed).
        case contract
        /// The first candidate that answered something other than HTTP 404.
        case found
        /// Every candidate answered 404.
        case missing
    }

    /// One call's route.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var url: String
        public var origin: Origin
        /// The URLs that answered 404 before it (all of them when ``origin`` is `missing`).
        public var tried: [String]
    }

    public var entries: [Entry]
    /// The configuration with every route set (``HTTPImplementation/Configuration/routes``).
    public var configuration: HTTPImplementation.Configuration

    /// One line per call for the run's header: `name -> path (origin)`.
    public var lines: [String] {
        entries.map { entry in
            let shown = entry.url.hasPrefix(configuration.baseURL) ? String(entry.url.dropFirst(configuration.baseURL.count)) : entry.url
            return "\(entry.name) -> \(shown) (\(entry.origin.rawValue))"
        }
    }

    /// Decides every route of `configuration`.
    public static func resolve(_ configuration: HTTPImplementation.Configuration) async -> RouteResolution {
        var resolved = configuration
        var entries: [Entry] = []
        var probe = configuration
        probe.session = nil
        let results: [Entry] = (try? await HTTPImplementation.withImplementation(probe) { sut in
            var found: [Entry] = []
            for operation in ConceptVocabulary.operations {
                if let given = configuration.routes[operation.name] {
                    found.append(Entry(name: operation.name, url: configuration.absoluteURL(given), origin: .given, tried: []))
                } else if !operation.isQuery {
                    found.append(Entry(name: operation.name, url: configuration.defaultURL(for: operation.name), origin: .contract, tried: []))
                } else {
                    found.append(await sut.probe(operation))
                }
            }
            return found
        }) ?? []
        for entry in results {
            entries.append(entry)
            resolved.routes[entry.name] = entry.url
            if !entry.tried.isEmpty { resolved.triedRoutes[entry.name] = entry.tried }
        }
        return RouteResolution(entries: entries, configuration: resolved)
    }
}

extension HTTPImplementation {
    /// Tries `operation`'s candidate routes with a harmless query (no state changes).
    package func probe(_ operation: ConceptVocabulary.Operation) async -> RouteResolution.Entry {
        var tried: [String] = []
        for candidate in operation.routeCandidates {
            let url = configuration.defaultURL(for: candidate)
            let values: [(String, JSONValue)] = operation.arguments.map { ($0.name, .string("conformance-route-probe")) }
            guard let answer = try? await post(.object(values), to: url) else {
                // Unreachable or broken: the run's own checks report it; keep the contract's route.
                return RouteResolution.Entry(name: operation.name, url: configuration.defaultURL(for: operation.name), origin: .contract, tried: tried)
            }
            if answer.status != 404 {
                return RouteResolution.Entry(name: operation.name, url: url, origin: .found, tried: tried)
            }
            tried.append(url)
        }
        return RouteResolution.Entry(name: operation.name, url: configuration.defaultURL(for: operation.name), origin: .missing, tried: tried)
    }
}

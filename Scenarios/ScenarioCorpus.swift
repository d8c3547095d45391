import Foundation

/// The scenario corpus and its worlds, shipped inside the kit as resources of this target, so the
/// `conformance` binary runs them from any directory (`--scenarios DIR` still picks another tree).
///
/// This file is the target's only source: everything else under `Scenarios/` is the corpus itself,
/// copied into the build next to the binary (the folders keep their layout).
///
/// ```swift
/// let loaded = ScenarioLoader().loadDirectory(ScenarioCorpus.directory ?? "Scenarios")
/// ```
public enum ScenarioCorpus {
    /// The directory that holds the bundled corpus (`connect/`, `poll/`, …, `worlds/`), or nil when
    /// the binary was moved away from its resources.
    public static let directory: String? = {
        guard let url = Bundle.module.resourceURL else { return nil }
        let path = url.standardizedFileURL.path
        return FileManager.default.fileExists(atPath: path + "/worlds") ? path : nil
    }()

    /// How reports and replay commands name a file of the bundled corpus: `Scenarios/<its path
    /// inside the corpus>`, as in a checkout (`conformance replay` finds such a name in the bundle
    /// from any directory). Other paths come back unchanged.
    public static func displayPath(_ path: String) -> String {
        guard let directory, path.hasPrefix(directory + "/") else { return path }
        return "Scenarios/" + path.dropFirst(directory.count + 1)
    }

    /// The bundled file a `Scenarios/<path>` name stands for, when there is one.
    public static func bundledFile(named name: String) -> String? {
        guard let directory, name.hasPrefix("Scenarios/") else { return nil }
        let candidate = directory + "/" + name.dropFirst("Scenarios/".count)
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }
}

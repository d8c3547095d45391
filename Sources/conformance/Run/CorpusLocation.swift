import ArgumentParser
import ConformanceKit
import Foundation
import ScenarioCorpus
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Where a command finds its scenarios: `--scenarios DIR`, else the corpus bundled with the binary
/// (so every command works from any directory), else `./Scenarios`.
enum CorpusLocation {
    /// The help text of every `--scenarios` option.
    static let help = ArgumentHelp("The scenario directory (default: the corpus built into the kit, from any directory).", valueName: "dir")

    /// The directory to load from.
    static func directory(_ option: String?) -> String {
        option ?? ScenarioCorpus.directory ?? "Scenarios"
    }

    /// The scenario files `replay` names: a path to a file, a `Scenarios/…` path of the bundled
    /// corpus (what reports print, valid from any directory), or a scenario id; nil with a message
    /// for one that is none of these.
    static func replayFiles(_ arguments: [String], scenarios option: String?) -> Result<[String], ReplayArgumentError> {
        var files: [String] = []
        var byID: [String: String]?
        for argument in arguments {
            if FileManager.default.fileExists(atPath: argument) {
                files.append(argument)
            } else if let bundled = ScenarioCorpus.bundledFile(named: argument) {
                files.append(bundled)
            } else {
                if byID == nil { byID = ids(in: directory(option)) }
                guard let file = byID?[argument] else { return .failure(ReplayArgumentError(argument: argument)) }
                files.append(file)
            }
        }
        return .success(files)
    }

    /// Every scenario id in `directory` with its file (files that do not load are left out).
    static func ids(in directory: String) -> [String: String] {
        let loaded = ScenarioLoader(root: directory).loadDirectory(directory)
        var result: [String: String] = [:]
        for scenario in loaded.scenarios { if let file = scenario.file { result[scenario.id] = file } }
        return result
    }

    /// A `replay` argument that names no file and no scenario.
    struct ReplayArgumentError: Error, CustomStringConvertible {
        var argument: String
        var description: String { "'\(argument)' is neither a scenario file nor the id of a scenario (see `conformance list`)" }
    }
}

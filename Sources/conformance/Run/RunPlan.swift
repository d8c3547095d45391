import ArgumentParser
import ConformanceKit
import Foundation
import JUnitXML
import KitPrimitives
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// One run, prepared: the scenarios, the implementation, the expectations, the report destination.
struct RunPlan {
    var seed: UInt64
    var scenarios: [Scenario]
    var provider: any ImplementationProvider
    var httpConfiguration: HTTPImplementation.Configuration?
    var policy: MatchPolicy
    var profileName: String
    var callTimeout: Duration
    /// How long injected stalls last (`--stall-limit`).
    var stalls: StallPolicy
    var expectations: ImplementationExpectations
    /// The platforms scenarios run on (`--source-type`).
    var sources: [SourcePlatform]
    var junitPath: String
    var rerunCommand: String
    /// The property checker's budget (nil: scenarios only).
    var checker: CheckerConfiguration?
    /// The options as they apply (the adapter file's defaults filled in).
    var options: SUTOptions
    /// Where each call goes over HTTP, once resolved (for the report).
    var routes: [(name: String, route: String)] = []

    /// Loads and checks everything; configuration problems exit 2 with a readable message.
    static func make(
        sut options: SUTOptions, seed: UInt64, scenarios directory: String, files: [String]? = nil, filter: String = "",
        shard: Shard = .whole, console: Console
    ) throws -> RunPlan {
        let adapter = try console.usageErrorsExit2 { try options.loadAdapter() }
        let sut = options.filled(from: adapter)
        let loader = ScenarioLoader(root: files == nil ? directory : nil)
        let loaded = files.map { loader.load(files: $0, filter: ScenarioFilter(filter)) }
            ?? loader.loadDirectory(directory, filter: ScenarioFilter(filter))
        if !loaded.errors.isEmpty {
            for error in loaded.errors { console.status("error: \(error)") }
            throw ExitCode(2)
        }
        if files == nil, loaded.scenarios.isEmpty {
            console.status("error: no scenarios under \(directory)\(filter.isEmpty ? "" : " match '\(filter)'")")
            throw ExitCode(2)
        }
        let expectations = try console.usageErrorsExit2 {
            try sut.expectations.map { try ImplementationExpectations.load(contentsOf: $0) } ?? ImplementationExpectations()
        }
        let http = try console.usageErrorsExit2 { try sut.httpConfiguration(adapter: adapter) }
        let provider = sut.provider(for: http)
        var rerun = "conformance \(files == nil ? "run" : "replay") --seed \(seed)"
        if let url = sut.sut { rerun += " --sut \(url) --profile \(sut.wireProfile.rawValue)" }
        if let path = options.adapter { rerun += " --adapter \(path)" }
        for route in options.routes { rerun += " --route \(route)" }
        if sut.store != "memory" { rerun += " --store \(sut.store)" }
        if let timeout = sut.timeout { rerun += " --timeout \(timeout)" }
        if let stallLimit = sut.stallLimit { rerun += " --stall-limit \(stallLimit)" }
        if sut.sutRestartCommand != nil { rerun += " --sut-restart-cmd '<the same command>'" }
        let sources = sut.sourcePlatforms()
        if sources != SourcePlatform.allCases { rerun += " --source-type \(sources.map(\.shortName).joined(separator: ","))" }
        if !filter.isEmpty { rerun += " --filter '\(filter)'" }
        if shard.count > 1 { rerun += " --shard \(shard.index)/\(shard.count)" }
        if let files { rerun += " " + files.map(ConformanceReport.relativePath).joined(separator: " ") }
        return RunPlan(
            seed: seed, scenarios: loaded.scenarios.filter { shard.includes($0.id) }, provider: provider, httpConfiguration: http,
            policy: http.map { MatchPolicy.forProfile($0.profile) } ?? .inProcess,
            profileName: http.map { $0.profile.rawValue } ?? "in-process",
            callTimeout: sut.callTimeout, stalls: sut.stalls, expectations: expectations, sources: sources, junitPath: sut.junit, rerunCommand: rerun,
            checker: nil, options: sut)
    }

    /// The levels whose failures are reported but do not fail the run.
    var toleratedLevels: Set<ScenarioLevel> { policy == .compat6104 ? [.should, .info] : [.info] }
}

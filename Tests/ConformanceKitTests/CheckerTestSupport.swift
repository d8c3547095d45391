import ConformanceKit
import ConceptValues
import Foundation
import KitPrimitives
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Shared fixtures for the model, checker and bug-gallery tests.
enum CheckerFixtures {
    /// 2025-09-01T12:00:00Z.
    static let now = Timestamp(seconds: 1_756_728_000)
    static let token = "tok-0123456789abcdef"
    static let details = ConnectionDetails(apiToken: token, baseUrl: "http://127.0.0.1:1")

    /// A raw assignment `id` modified at `now + seconds`.
    static func raw(_ id: String, _ seconds: Int64 = 0, name: String? = nil) -> RawExternalAssignment {
        RawExternalAssignment(
            externalId: id, details: ExternalAssignmentDetails(name: name ?? "Assignment \(id)"),
            externalModificationTimestamp: now.advanced(bySeconds: seconds))
    }

    /// A platform that answers cleanly and shows `visible` to the token.
    static func platform(_ visible: [RawExternalAssignment]? = [], faults: [String] = []) -> PlatformContext {
        PlatformContext(now: now, visibleBefore: visible, visibleAfter: visible, firedFaults: faults)
    }

    static func connect(_ owner: String = "ada", name: String = "Canvas", type: String = "Canvas") -> ConceptCall {
        .connectSource(owner: owner, sourceType: type, sourceName: name, details: details)
    }

    /// A model after `calls` answered `results` on a clean platform.
    static func model(_ steps: [(ConceptCall, ConceptResult)], policy: ModelPolicy = .inProcess) -> SyncModel {
        var model = SyncModel(policy: policy)
        for (call, result) in steps { model.apply(call, result: result, platform: platform()) }
        return model
    }

    /// `source-1` of ada with mappings 50001 → app-1 at `now` and 50002 → app-2 at `now + 60 s`.
    static func mappedModel(policy: ModelPolicy = .inProcess) -> SyncModel {
        model([
            (connect(), .sourceAccount("source-1")),
            (.recordInternalSync(sourceAccount: "source-1", externalId: "50001", internalId: "app-1", externalModificationTimestamp: now), .empty),
            (.recordInternalSync(sourceAccount: "source-1", externalId: "50002", internalId: "app-2", externalModificationTimestamp: now.advanced(bySeconds: 60)), .empty),
        ], policy: policy)
    }

    /// The run seed for tests: `EAS_SEED` when set, else `fallback` (fixed, so CI is repeatable).
    static func seed(fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["EAS_SEED"].flatMap(RunSeed.parse) ?? fallback
    }

    /// A configuration that writes no files.
    static func configuration(seed: UInt64, cases: Int = CheckerConfiguration.defaultCases, steps: Int = CheckerConfiguration.defaultSteps) -> CheckerConfiguration {
        CheckerConfiguration(seed: seed, seedSource: "test", cases: cases, steps: steps, failureDirectory: nil)
    }

    /// The cases on which two runs of one seed differ, a line each (empty when they agree): a
    /// determinism gate that fails names the case to replay with `EAS_SEED` and the case index.
    static func differingCases(_ first: CheckerRun, _ second: CheckerRun) -> [String] {
        let seconds = Dictionary(second.caseRecords.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        for record in first.caseRecords {
            guard let other = seconds[record.index] else {
                lines.append("case \(record.index) (seed \(record.seedText)): only in the first run")
                continue
            }
            if record.digest != other.digest || record.calls != other.calls || record.commands != other.commands {
                lines.append("case \(record.index) (seed \(record.seedText)): digest \(record.digest) vs \(other.digest), "
                    + "\(record.calls) vs \(other.calls) calls, \(record.commands) vs \(other.commands) commands")
            }
        }
        let firsts = Set(first.caseRecords.map(\.index))
        lines += second.caseRecords.filter { !firsts.contains($0.index) }.map { "case \($0.index) (seed \($0.seedText)): only in the second run" }
        return lines
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "checker-tests-" + StableHash.hex(CheckerConfiguration.randomSeed())
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

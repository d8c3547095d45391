import ConformanceKit
import ReferenceHarness
import Foundation
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// Long, opt-in runs for maintainers (they do nothing unless asked):
/// - `EAS_SOAK=<first seed>` (and `EAS_SOAK_SEEDS=<n>`, default 12): the reference and the correct
///   mutant under `n` seeds at the default budget; failures are saved under `Reports/failures/`.
/// - `EAS_RATES=1`: for each gallery bug, the cases needed under eight seeds (no shrinking).
@Suite struct CheckerSoakTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test func correctImplementationsPassManySeeds() async {
        guard let first = Self.environment["EAS_SOAK"].flatMap(CheckerConfiguration.parseSeed) else { return }
        let count = Self.environment["EAS_SOAK_SEEDS"].flatMap(UInt64.init) ?? 12
        for seed in first..<(first + count) {
            for provider in [ReferenceScenarioProvider() as any ImplementationProvider, MutantProvider(.none)] {
                let run = await Checker(configuration: CheckerConfiguration(seed: seed), provider: provider).run()
                print("soak seed \(seed) \(provider.label): \(run.passed ? "passed" : "FAILED") in \(run.duration)")
                #expect(run.passed, "\(run.failure?.report ?? run.setupError ?? "")")
            }
        }
    }

    @Test func casesNeededPerBug() async {
        guard Self.environment["EAS_RATES"] != nil else { return }
        let seeds: [UInt64] = (1...8).map { UInt64($0) * 7919 }
        for bug in MutantBug.gallery {
            var needed: [String] = []
            for seed in seeds {
                var configuration = CheckerConfiguration(seed: seed, failureDirectory: nil)
                configuration.shrink = false
                let run = await Checker(configuration: configuration, provider: MutantProvider(bug)).run()
                needed.append(run.failure.map { String($0.original.checkerCase.index + 1) } ?? "MISS")
            }
            print("cases needed, \(bug.rawValue): \(needed.joined(separator: " "))")
            #expect(!needed.contains("MISS"), "\(bug)")
        }
    }
}

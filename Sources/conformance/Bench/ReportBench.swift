import ArgumentParser
import Foundation
import JUnitXML

extension Conformance {
    /// `conformance bench report`: streaming JUnit writing of many cases, validated afterwards.
    struct ReportBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write a 100,000-testcase JUnit report through the streaming writer; time, size, peak memory, validation.",
            discussion: "Examples:\n  conformance bench report\n  conformance bench report --cases 1000000 --output /tmp/big.xml")

        @Option(help: "Test cases to write.")
        var cases: Int = 100_000

        @Option(help: "Where to write it.")
        var output: String = "Reports/bench-junit.xml"

        func run() async throws {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: output).deletingLastPathComponent(), withIntermediateDirectories: true)
            let (seconds, bytes) = try JUnitBenchmark.writeSynthetic(cases: cases, to: output)
            let memoryAfterWrite = ProcessMemory.peakResidentMegabytes
            let (problems, validation) = await BenchEnvironment.timed { JUnitValidator.validate(path: output) }
            print("""
                benchmark: JUnit report (machine cores \(BenchEnvironment.machineCores))
                  cases written         \(cases)
                  write time            \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", Double(cases) / seconds)) cases/s)
                  report size           \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB
                  peak RSS after write  \(memoryAfterWrite.map { String(format: "%.1f MiB", $0) } ?? "n/a")
                  validation (XSD)      \(String(format: "%.3f", Double(validation.components.seconds) + Double(validation.components.attoseconds) / 1e18)) s, \(problems.isEmpty ? "valid" : "\(problems.count) problems")
                """)
            try? FileManager.default.removeItem(atPath: output)
        }
    }
}

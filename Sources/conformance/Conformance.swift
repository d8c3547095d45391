import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The conformance kit's command-line tool.
@main
struct Conformance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "The ExternalAssignmentSync conformance kit: mock platforms, a reference implementation, scenarios and a property checker.",
        version: KitVersion.current,
        subcommands: [RunCommand.self, ReplayCommand.self, ServeCommand.self, MockCanvasCommand.self, MockGitHubClassroomCommand.self, CoverageCommand.self, ListCommand.self, BenchCommand.self, MergeReportsCommand.self, HTMLCommand.self, ValidateReportCommand.self]
    )

    /// Runs Swift concurrency on NIO's event loops, so the servers' async code runs where their I/O
    /// happens (no thread hop per request). Must happen before any task starts, hence here.
    ///
    /// Usage errors exit 2 (the kit's documented code), not ArgumentParser's 64.
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// The kit's version, recorded in every report.
enum KitVersion {
    static let current = "0.1.0"
}

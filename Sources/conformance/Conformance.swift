import ArgumentParser

@main
struct Conformance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "The ExternalAssignmentSync conformance kit.",
        version: "0.1.0"
    )
}

import ConformanceKit
import AsyncHTTPClient
import ExternalAssignmentSync
import Logging
import WireAdapter
import MutantGallery

/// A fresh in-process reference per case or scenario, as ``ReferenceScenarioProvider`` makes it (the
/// scenario's virtual clock, sequential ids, simulation-friendly connector settings), that the checker
/// can restart (``RestartableImplementation``): the crash-restart fault in-process.
///
/// ```swift
/// let provider = RestartableReferenceProvider(storage: .sqlite())
/// let run = await Checker(configuration: configuration, provider: provider).run()   // restarts at random steps
/// ```
///
/// With ``ReferenceStorage/sqlite(directory:durability:)`` each case gets its own database file,
/// closed at every restart and reopened; with ``ReferenceStorage/memory`` the store object survives
/// restarts; with ``ReferenceStorage/reopening(label:_:)`` a restart gets whatever `open` makes.
public struct RestartableReferenceProvider: ImplementationProvider {
    public let label: String
    /// Where each case's state lives.
    public let storage: ReferenceStorage
    /// Adjusts the reference's options after the scenario defaults are set (its `store` is ignored:
    /// the storage opens the store).
    let configure: @Sendable (inout ReferenceImplementation.Options) -> Void

    public init(
        label: String? = nil, storage: ReferenceStorage,
        configure: @escaping @Sendable (inout ReferenceImplementation.Options) -> Void = { _ in }
    ) {
        self.label = label ?? "reference (in-process, \(storage.label) store, restartable)"
        self.storage = storage
        self.configure = configure
    }

    public var isShared: Bool { false }

    public func withImplementation<Result: Sendable>(
        for context: ScenarioContext, _ body: (any ImplementationUnderTest) async throws -> Result
    ) async throws -> Result {
        var options = ReferenceScenarioProvider.options(for: context)
        configure(&options)
        let slot = try storage.makeSlot(context)
        defer { slot.cleanup() }
        let client = CanvasConnector.makeHTTPClient(connectTimeout: options.connectTimeout, readTimeout: options.readTimeout)
        let connectors = options.connectors(client: client)
        return try await client.shutdownAfter {
            let implementation = try RestartableReferenceImplementation(label: label, connectors: connectors, options: options, slot: slot)
            defer { implementation.shutdown() }
            return try await body(implementation)
        }
    }
}

import ConformanceKit
import ExternalAssignmentSync
import KitPrimitives
import Synchronization
import WireAdapter
import MutantGallery

/// The reference in-process, restartable: a restart drops the service and its store handle (as a
/// crash would) and builds a new service on a store reopened from the slot.
///
/// The injected environment outlives restarts, as the machine does: the clock, the id generator
/// (sequential ids go on counting, as they would from a counter saved with the state) and the
/// connectors with their HTTP client. Everything the reference itself holds goes.
final class RestartableReferenceImplementation: RestartableImplementation {
    let label: String
    private let connectors: [String: any SourceConnector]
    private let options: ReferenceImplementation.Options
    private let slot: ReferenceStorage.Slot
    private let current: Mutex<Running>

    /// The live service and the store under it.
    struct Running: Sendable {
        var store: any SyncStore
        var implementation: InProcessImplementation
    }

    /// Opens the slot's store and starts the first service.
    init(label: String, connectors: [String: any SourceConnector], options: ReferenceImplementation.Options, slot: ReferenceStorage.Slot) throws {
        self.label = label
        self.connectors = connectors
        self.options = options
        self.slot = slot
        current = Mutex(Self.start(on: try slot.open(), label: label, connectors: connectors, options: options))
    }

    func perform(_ call: ConceptCall) async -> Result<ConceptResult, HarnessError> {
        let implementation = current.withLock { $0.implementation }
        return await implementation.perform(call)
    }

    func restart() async -> Result<Void, HarnessError> {
        let crashed = current.withLock { $0.store }
        slot.release(crashed)
        do {
            let store = try slot.open()
            let running = Self.start(on: store, label: label, connectors: connectors, options: options)
            current.withLock { $0 = running }
            return .success(())
        } catch {
            return .failure(HarnessError(.restartFailed, "the store could not be reopened: \(error)"))
        }
    }

    /// Lets go of the store at the end of the case.
    func shutdown() {
        slot.release(current.withLock { $0.store })
    }

    private static func start(
        on store: any SyncStore, label: String, connectors: [String: any SourceConnector], options: ReferenceImplementation.Options
    ) -> Running {
        let service = SyncService(
            connectors: connectors, store: store, idGenerator: options.idGenerator, wallTime: options.wallTime, logger: options.logger)
        return Running(store: store, implementation: InProcessImplementation(service: service, label: label))
    }
}

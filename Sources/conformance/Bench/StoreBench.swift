import ArgumentParser
import ConformanceKit
import ExternalAssignmentSync
import Foundation
import KitPrimitives
import Logging
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

extension Conformance {
    /// `conformance bench store`: the SQLite store's write throughput and latency, a disconnect of a
    /// source with 100,000 mappings, reopening, and the database's size.
    struct StoreBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "SQLite store: recordInternalSync one at a time and batched in a transaction; disconnect of a source with 100,000 mappings; latency, throughput, database size.",
            discussion: """
                One at a time: each recordInternalSync through SyncService is its own transaction (one upsert).
                Batched: one SyncStore.withState body applies --batch commands, written in one transaction.
                Run in release mode. Examples:
                  swift run -c release conformance bench store
                  swift run -c release conformance bench store --durability normal --mappings 1000000
                """)

        @Option(help: "recordInternalSync calls made one at a time.")
        var single: Int = 2_000

        @Option(help: "Mappings of the source that is disconnected (written in batches).")
        var mappings: Int = 100_000

        @Option(help: "recordInternalSync commands per transaction in the batched run.")
        var batch: Int = 1_000

        @Option(help: "full, normal or both.")
        var durability: String = "both"

        @Option(help: "Where the database files go (a temporary directory by default; removed afterwards).")
        var directory: String?

        func validate() throws {
            guard ["full", "normal", "both"].contains(durability) else { throw ValidationError("--durability must be full, normal or both") }
            guard single > 0, mappings > 0, batch > 0 else { throw ValidationError("counts must be positive") }
        }

        func run() async throws {
            print("benchmark: SQLite store (machine cores \(BenchEnvironment.machineCores))")
            let levels: [SQLiteSyncStore.Options.Durability] = durability == "both" ? [.full, .normal] : [.init(rawValue: durability)!]
            let memory = try await Self.singleRecords(InMemorySyncStore(), count: single)
            print("  memory store, one at a time     \(memory.summary)")
            for level in levels {
                let root = directory ?? (NSTemporaryDirectory() + "eas-store-bench-\(ProcessInfo.processInfo.processIdentifier)")
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
                defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }
                let path = "\(root)/bench-\(level.rawValue).sqlite"
                for suffix in ["", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                let figures = try await Self.run(path: path, durability: level, single: single, mappings: mappings, batch: batch)
                print("  sqlite, synchronous=\(level.rawValue.uppercased()):")
                for line in figures.lines { print("    " + line) }
            }
            print("  peak RSS                        \(BenchEnvironment.peakMemory)")
        }
    }
}

extension Conformance.StoreBench {
    /// Latencies of a run of operations, and the throughput they add up to.
    struct Timing {
        var operations: Int
        var latencies: [Duration]

        var total: Duration { latencies.reduce(.zero, +) }
        var perSecond: Double { Double(operations) / max(total.seconds, 1e-9) }

        func percentile(_ p: Int) -> Double {
            let sorted = latencies.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, sorted.count * p / 100)].seconds * 1000
        }

        var summary: String {
            String(format: "%.0f/s, p50 %.3f ms, p99 %.3f ms (%d in %.2f s)", perSecond, percentile(50), percentile(99), operations, total.seconds)
        }
    }

    /// The figures of one durability level.
    struct Figures {
        var lines: [String] = []
        mutating func add(_ what: String, _ figure: String) {
            lines.append(what.padding(toLength: max(34, what.count + 1), withPad: " ", startingAt: 0) + figure)
        }
    }

    static let owner: UserID = "user:bench"

    /// A service on `store` with no connectors (recordInternalSync and disconnect need none).
    static func service(_ store: any SyncStore) -> SyncService {
        SyncService(
            connectors: [:], store: store, idGenerator: SequentialSourceAccountIDGenerator(prefix: "bench-"),
            wallTime: { Timestamp(seconds: 1_756_728_000) }, logger: BenchEnvironment.quietLogger)
    }

    /// Connects a source without a platform (the core's second step with a successful verdict).
    static func connect(_ store: any SyncStore, name: String, id: SourceAccountID) async throws -> SourceAccountID {
        let request = ConnectRequest(
            owner: owner, sourceType: "Canvas", sourceName: name,
            details: ConnectionDetails(apiToken: "tok-bench-0123456789", baseUrl: "https://canvas.example.edu"))
        let effect = try await store.withState { $0.apply(.finishConnect(request, outcome: .success(()), newID: id)) }
        guard case .connected(let connected) = effect else { throw SyncError(code: .invalidArgument, message: "could not connect the bench source: \(effect)") }
        return connected
    }

    /// `count` recordInternalSync calls through the service, one at a time, each timed.
    static func singleRecords(_ store: any SyncStore, count: Int) async throws -> Timing {
        let source = try await connect(store, name: "single", id: "bench-single")
        let service = service(store)
        var latencies: [Duration] = []
        latencies.reserveCapacity(count)
        for index in 0..<count {
            let (_, latency) = try await BenchEnvironment.timed {
                try await service.recordInternalSync(
                    sourceAccount: source, externalId: String(100_000 + index), internalId: AssignmentID("internal-\(index)"),
                    externalModificationTimestamp: Timestamp(seconds: 1_756_728_000 + Int64(index)))
            }
            latencies.append(latency)
        }
        return Timing(operations: count, latencies: latencies)
    }

    /// `total` recordInternalSync commands on `source`, `batch` per transaction; each batch timed.
    static func batchedRecords(_ store: any SyncStore, source: SourceAccountID, total: Int, batch: Int) async throws -> Timing {
        var latencies: [Duration] = []
        var written = 0
        while written < total {
            let range = written..<min(total, written + batch)
            let (_, latency) = try await BenchEnvironment.timed {
                try await store.withState { state in
                    for index in range {
                        state.apply(.recordInternalSync(
                            source, externalId: String(index), internalId: AssignmentID("internal-\(index)"),
                            externalModificationTimestamp: Timestamp(seconds: 1_756_728_000 + Int64(index))))
                    }
                }
            }
            latencies.append(latency)
            written = range.upperBound
        }
        return Timing(operations: total, latencies: latencies)
    }

    /// Every figure for one durability level, on a fresh database at `path`.
    static func run(path: String, durability: SQLiteSyncStore.Options.Durability, single: Int, mappings: Int, batch: Int) async throws -> Figures {
        var figures = Figures()
        var store: SQLiteSyncStore? = try SQLiteSyncStore(path: path, options: .init(durability: durability))
        let one = try await singleRecords(store!, count: single)
        figures.add("recordInternalSync, 1/commit", one.summary)
        let source = try await connect(store!, name: "large", id: "bench-large")
        let batched = try await batchedRecords(store!, source: source, total: mappings, batch: batch)
        figures.add("recordInternalSync, \(batch)/commit", String(
            format: "%.0f/s, per commit p50 %.2f ms, p99 %.2f ms (%d in %.2f s)", batched.perSecond, batched.percentile(50),
            batched.percentile(99), mappings, batched.total.seconds))
        try store!.checkpoint()
        figures.add("database size", "\(megabytes(path)) with \(single + mappings) mappings (after a checkpoint)")
        store = nil
        let reopening = try await BenchEnvironment.timed { try SQLiteSyncStore(path: path, options: .init(durability: durability)) }
        store = reopening.result
        let reopened = reopening.duration
        figures.add("reopen (load the cache)", String(format: "%.0f ms for %d mappings", reopened.seconds * 1000, try store!.snapshot.mappingCount))
        let (_, disconnect) = try await BenchEnvironment.timed { try await service(store!).disconnectSource(sourceAccount: source) }
        figures.add("disconnect, \(mappings) mappings", String(format: "%.0f ms (one transaction; WAL now %@)", disconnect.seconds * 1000, megabytes(path + "-wal")))
        try store!.checkpoint()
        figures.add("database size after", "\(megabytes(path)) (pages freed for reuse; VACUUM would shrink the file)")
        try store!.close()
        return figures
    }

    /// A file's size in MiB (the WAL's, when given its path), or "absent".
    static func megabytes(_ path: String) -> String {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else { return "absent" }
        return String(format: "%.1f MiB", size.doubleValue / 1_048_576)
    }
}

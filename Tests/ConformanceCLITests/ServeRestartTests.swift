import Foundation
import KitPrimitives
import KitTestSupport
import NIOCore
import Synchronization
import Testing

/// `conformance serve --store sqlite:PATH` killed with SIGKILL in the middle of a run and started
/// again on the same file: every call that got an answer is there once, calls that got none either
/// took effect whole or not at all, and ids go on counting.
@Suite struct ServeRestartTests {
    /// A served reference and the mock Canvas it talks to, stopped at the end whatever happens.
    static func withServers(_ body: (ServedFiles) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "eas-serve-restart-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let canvas = try BuiltBinary.Running(["mock-canvas", "--world", "Scenarios/worlds/basic.yaml", "--seed", "5"])
        let files = ServedFiles(directory: directory, canvasOrigin: await canvas.firstLine() ?? "")
        do {
            try await body(files)
        } catch {
            await files.stopAll()
            _ = await canvas.stop(with: SIGTERM)
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        await files.stopAll()
        _ = await canvas.stop(with: SIGTERM)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test func sigkillDuringABatchOfRecordsLosesNoAnsweredMappingAndDuplicatesNone() async throws {
        try await Self.withServers { files in
            var port = try await files.startServe()
            let source = try await ServeClient.connect(port: port, origin: files.canvasOrigin, name: "6.104")
            #expect(source == "source-1")

            // 8 connections record 60 mappings each; the server dies once 120 calls were answered.
            let ledger = Ledger()
            let victim = try #require(files.current)
            let firstPort = port
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        await ServeClient.recordMany(port: firstPort, source: source, ids: (0..<60).map { "w\(worker)-\($0)" }, ledger: ledger) { answered in
                            if answered == 120 { kill(victim.process.processIdentifier, SIGKILL) }
                        }
                    }
                }
            }
            #expect(await victim.exitStatus() == SIGKILL)
            let (sent, answered) = ledger.snapshot
            #expect(answered.count >= 120 && answered.count < sent.count, "killed in the middle: \(answered.count) of \(sent.count)")

            port = try await files.startServe()
            let afterCrash = try await ServeClient.assignments(port: port, source: source)
            let ids = afterCrash.map(\.externalId)
            #expect(Set(ids).count == ids.count, "no mapping twice")
            #expect(Set(answered).isSubset(of: Set(ids)), "every answered call survived: missing \(Set(answered).subtracting(ids).sorted())")
            #expect(Set(ids).isSubset(of: Set(sent)), "nothing that was never sent")
            #expect(afterCrash.allSatisfy { $0.internalId == "int-\($0.externalId)" }, "each mapping is one whole write")

            // The client retries what got no answer: now each is there exactly once.
            let unanswered = Set(sent).subtracting(answered).sorted()
            let retried = Ledger()
            await ServeClient.recordMany(port: port, source: source, ids: unanswered, ledger: retried) { _ in }
            #expect(retried.snapshot.answered.count == unanswered.count)
            let final = try await ServeClient.assignments(port: port, source: source).map(\.externalId)
            #expect(final.count == Set(sent).count && Set(final) == Set(sent))

            // The source survived once, its name is still taken, and ids go on counting.
            let duplicate = try await ServeClient.connectAnswer(port: port, origin: files.canvasOrigin, name: "6.104")
            #expect(duplicate.hasPrefix(#"{"error":"DuplicateSourceError"#), "\(duplicate)")
            #expect(try await ServeClient.connect(port: port, origin: files.canvasOrigin, name: "18.06") == "source-2")
        }
    }

    @Test func sigkillRightAfterADisconnectLeavesTheWholeSourceOrNothingOfIt() async throws {
        try await Self.withServers { files in
            var port = try await files.startServe(durability: "normal")
            let source = try await ServeClient.connect(port: port, origin: files.canvasOrigin, name: "big")
            let ledger = Ledger()
            let firstPort = port
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        await ServeClient.recordMany(port: firstPort, source: source, ids: (0..<500).map { "w\(worker)-\($0)" }, ledger: ledger) { _ in }
                    }
                }
            }
            #expect(ledger.snapshot.answered.count == 2_000)
            let victim = try #require(files.current)
            let client = try await LoopbackClient.connect(port: port)
            try await client.send(ServeClient.request("disconnectSource", #"{"sourceAccount":"\#(source)"}"#))
            kill(victim.process.processIdentifier, SIGKILL)
            #expect(await victim.exitStatus() == SIGKILL)
            await client.close()

            port = try await files.startServe(durability: "normal")
            let answer = try await ServeClient.call(port: port, "_getAssignmentsForSource", #"{"sourceAccount":"\#(source)"}"#)
            if answer.contains(#""error""#) {
                #expect(answer == #"{"error":"Source account not found"}"#, "\(answer)")
                #expect(try await ServeClient.call(port: port, "_getSourcesForUser", #"{"user":"user:alice"}"#) == #"[{"sources":[]}]"#)
            } else {
                #expect(try await ServeClient.assignments(port: port, source: source).count == 2_000, "all of it, or none")
            }
        }
    }
}

import ExternalAssignmentSync
import KitPrimitives
import Testing

/// Concurrent calls leave a state equal to some serial order of them (issue 3, "Concurrency").
@Suite struct SyncServiceConcurrencyTests {
    @Test func concurrentPollsOfOneSourceCommitInClockOrder() async throws {
        let clock = ManualWallClock(tickSeconds: 1)
        let harness = ServiceHarness(
            connector: FakeConnector(
                assignments: [Fixtures.raw("1", "2025-08-30T10:00:00Z")],
                duringFetch: {
                    await Task.yield()
                }
            ),
            clock: clock
        )
        let source = try await harness.connect()
        let pollCount = 64
        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<pollCount {
                group.addTask { (try? await harness.service.pollExternalSource(sourceAccount: source)) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == pollCount)
        // Each poll read the clock once, inside its commit; the last commit read the latest time.
        let lastReading = Fixtures.start.advanced(bySeconds: Int64(pollCount - 1))
        #expect(harness.checkedState().source(source)?.lastSuccessfulPoll == lastReading)
        #expect(clock.peek == lastReading.advanced(bySeconds: 1))
    }

    @Test func concurrentRecordsOfOneMappingLeaveExactlyOneOfThem() async throws {
        let harness = ServiceHarness()
        let source = try await harness.connect()
        let writes = (0..<200).map { index in
            (AssignmentID("a-\(index)"), Fixtures.start.advanced(bySeconds: Int64((index * 7919) % 200)))
        }
        await withTaskGroup(of: Void.self) { group in
            for (internalId, timestamp) in writes {
                group.addTask {
                    try? await harness.service.recordInternalSync(
                        sourceAccount: source,
                        externalId: "1",
                        internalId: internalId,
                        externalModificationTimestamp: timestamp
                    )
                }
            }
        }
        let state = harness.checkedState()
        #expect(state.mappingCount == 1)
        let record = try #require(state.record(source: source, externalId: "1"))
        // Last writer wins: the survivor is one whole write, never a mix of two.
        #expect(
            writes.contains { $0.0 == record.internalAssignment && $0.1 == record.lastExternalModificationTimestamp }
        )
    }

    @Test func concurrentConnectsOfOneNameConnectExactlyOnce() async throws {
        let harness = ServiceHarness(connector: FakeConnector(duringValidate: { await Task.yield() }))
        let results = await withTaskGroup(of: SyncError.Code?.self) { group in
            for _ in 0..<32 {
                group.addTask {
                    do {
                        _ = try await harness.connect()
                        return nil
                    } catch let error as SyncError {
                        return error.code
                    } catch {
                        return SyncError.Code(rawValue: "not a SyncError: \(error)")
                    }
                }
            }
            return await group.reduce(into: [SyncError.Code?]()) { $0.append($1) }
        }
        #expect(results.filter { $0 == nil }.count == 1)
        #expect(results.compactMap { $0 }.allSatisfy { $0 == .duplicateSourceError })
        #expect(harness.checkedState().sources.count == 1)
        // The 31 that lost drew no id, however they interleaved: the next connect gets the second.
        #expect(harness.checkedState().sources.keys.map(\.rawValue) == ["source-1"])
        #expect(try await harness.connect(name: "another") == SourceAccountID(rawValue: "source-2"))
    }

    @Test func aConnectThePlatformRefusesDrawsNoID() async throws {
        let harness = ServiceHarness()
        await #expect(throws: SyncError.self) { try await harness.connect(details: Fixtures.badDetails) }
        #expect(try await harness.connect() == SourceAccountID(rawValue: "source-1"))
    }

    @Test func mixedWorkloadKeepsTheInvariantsAndLeavesNoOrphans() async throws {
        let platform = (1...20).map { Fixtures.raw("\($0)", "2025-08-30T10:00:00Z") }
        let harness = ServiceHarness(
            connector: FakeConnector(assignments: platform, duringFetch: { await Task.yield() })
        )
        var sources: [SourceAccountID] = []
        for index in 0..<6 {
            sources.append(try await harness.connect(name: "course \(index)"))
        }
        let workload = MixedWorkload(sources: sources)
        await workload.run(on: harness.service)
        try workload.expectOutcome(in: harness.checkedState(), assignments: platform.count)
    }
}

import ConformanceKit
import ConceptValues
import ExternalAssignmentSync
import KitPrimitives
import Testing
import PropertyChecker
import WireAdapter
import MutantGallery
import RunReports

/// The model's per-source ledger for a platform without modification times (GitHub Classroom):
/// committed by a successful poll only, gone at disconnect, exact on the virtual clock, judged by
/// rule on an implementation's own clock.
@Suite struct ModelLedgerTests {
    typealias F = CheckerFixtures

    static let poll = ConceptCall.pollExternalSource(sourceAccount: "s-1")

    static func connect(_ owner: String = "ada") -> ConceptCall {
        .connectSource(owner: owner, sourceType: SourcePlatform.gitHubClassroom.sourceType, sourceName: "Classroom", details: F.details)
    }

    /// Unstamped platform content: `id` titled `name`.
    static func item(_ id: String, _ name: String? = nil) -> FingerprintedAssignment {
        FingerprintedAssignment(externalId: id, details: ExternalAssignmentDetails(name: name ?? "Assignment \(id)", description: nil))
    }

    /// A GitHub Classroom model with `s-1` connected.
    static func connected(policy: ModelPolicy = .inProcess) -> SyncModel {
        var model = SyncModel(policy: policy, platform: .gitHubClassroom)
        model.apply(connect(), result: .sourceAccount("s-1"), platform: F.platform())
        return model
    }

    /// What a poll of `s-1` must return for `items` at `now`, stamped through the model's ledger.
    static func stamped(_ model: SyncModel, _ items: [FingerprintedAssignment], at now: Timestamp) -> [RawExternalAssignment] {
        model.ledger(of: "s-1").stamp(items.map { ($0.externalId, $0.details) }, now: now).assignments
    }

    static func context(_ list: [RawExternalAssignment]?, at now: Timestamp, faults: [String] = []) -> PlatformContext {
        PlatformContext(now: now, visibleBefore: list, visibleAfter: list, firedFaults: faults)
    }

    @Test func theLedgerIsCommittedBySuccessfulPollsOnlyAndPredictsExactStamps() throws {
        var model = Self.connected()
        #expect(model.stampsByFingerprint)
        #expect(model.supportedSourceType == "GitHub Classroom")
        #expect(model.ledger(of: "s-1").isEmpty)
        let t0 = F.now
        let first = Self.stamped(model, [Self.item("1"), Self.item("2")], at: t0)
        #expect(first.map(\.externalModificationTimestamp) == [t0, t0], "new content: the poll's time")
        model.apply(Self.poll, result: .rawExternalAssignments(first), platform: Self.context(first, at: t0))
        #expect(model.ledger(of: "s-1").entries["1"]?.modifiedAt == t0)

        // A failed poll (a 503 the implementation did not retry) commits nothing.
        let t1 = t0.advanced(bySeconds: 60)
        let renamed = [Self.item("1", "Renamed"), Self.item("2")]
        let failed = Self.context(Self.stamped(model, renamed, at: t1), at: t1, faults: ["status"])
        model.apply(Self.poll, result: .error(ConceptError(kind: .action, name: "NetworkError", message: "503")), platform: failed)
        #expect(model.ledger(of: "s-1").entries["1"]?.modifiedAt == t0)

        // The next success: changed content at the poll's time, unchanged content keeps its stamp.
        let second = Self.stamped(model, renamed, at: t1)
        try #require(second.map(\.externalModificationTimestamp) == [t1, t0])
        let expected = model.expectation(for: Self.poll, platform: Self.context(second, at: t1))
        #expect(expected.judge(.rawExternalAssignments(second), policy: .inProcess) == nil)
        var restamped = second
        restamped[1].externalModificationTimestamp = t1
        #expect(expected.judge(.rawExternalAssignments(restamped), policy: .inProcess) != nil, "unchanged content must keep its stamp")
        model.apply(Self.poll, result: .rawExternalAssignments(second), platform: Self.context(second, at: t1))

        // The clock did not move: a change gets the earlier stamp + 1 ms.
        let third = Self.stamped(model, [Self.item("1", "Renamed again"), Self.item("2")], at: t1)
        #expect(try #require(third.first).externalModificationTimestamp == t1.advanced(by: .milliseconds(1)))
        // An item that vanished and came back is new again.
        model.apply(Self.poll, result: .rawExternalAssignments([second[0]]), platform: Self.context([second[0]], at: t1))
        #expect(model.ledger(of: "s-1").entries.keys.sorted() == ["1"])
    }

    @Test func disconnectDropsTheLedgerAndAReconnectStartsEmpty() {
        var model = Self.connected()
        let list = Self.stamped(model, [Self.item("1")], at: F.now)
        model.apply(Self.poll, result: .rawExternalAssignments(list), platform: Self.context(list, at: F.now))
        #expect(!model.ledger(of: "s-1").isEmpty)
        model.apply(.disconnectSource(sourceAccount: "s-1"), result: .empty, platform: F.platform())
        #expect(model.ledger(of: "s-1").isEmpty)
        model.apply(Self.connect(), result: .sourceAccount("s-2"), platform: F.platform())
        #expect(model.ledger(of: "s-2").isEmpty)
    }

    @Test func onAnImplementationsOwnClockStampsAreJudgedByRule() {
        let policy = ModelPolicy(match: .strictHTTP)
        var model = Self.connected(policy: policy)
        // The implementation's clock says 2030; the mock's says 2025.
        let own = Timestamp(seconds: 1_900_000_000)
        let items = [Self.item("1"), Self.item("2")]
        let first = items.map { RawExternalAssignment(externalId: $0.externalId, details: $0.details, externalModificationTimestamp: own) }
        let predicted = Self.stamped(model, items, at: F.now)
        #expect(model.expectation(for: Self.poll, platform: Self.context(predicted, at: F.now)).judge(.rawExternalAssignments(first), policy: policy) == nil,
            "new content: any instant")
        model.apply(Self.poll, result: .rawExternalAssignments(first), platform: Self.context(predicted, at: F.now))
        #expect(model.ledger(of: "s-1").entries["2"]?.modifiedAt == own, "the ledger holds the implementation's own stamps")

        let changed = [Self.item("1", "Renamed"), Self.item("2")]
        let expected = model.expectation(for: Self.poll, platform: Self.context(Self.stamped(model, changed, at: F.now), at: F.now))
        func answer(_ one: Timestamp, _ two: Timestamp) -> ConceptResult {
            .rawExternalAssignments([
                RawExternalAssignment(externalId: "1", details: changed[0].details, externalModificationTimestamp: one),
                RawExternalAssignment(externalId: "2", details: changed[1].details, externalModificationTimestamp: two),
            ])
        }
        #expect(expected.judge(answer(own.advanced(bySeconds: 5), own), policy: policy) == nil)
        #expect(expected.judge(answer(own.advanced(by: .milliseconds(1)), own), policy: policy) == nil)
        let same = expected.judge(answer(own, own), policy: policy)
        #expect(same?.path == "rawExternalAssignments[externalId=1].externalModificationTimestamp", "changed content must be strictly newer")
        let moved = expected.judge(answer(own.advanced(bySeconds: 5), own.advanced(bySeconds: 5)), policy: policy)
        #expect(moved?.path == "rawExternalAssignments[externalId=2].externalModificationTimestamp", "unchanged content keeps its stamp")
        let renamedWrong = RawExternalAssignment(externalId: "1", details: ExternalAssignmentDetails(name: "Other"), externalModificationTimestamp: own.advanced(bySeconds: 5))
        #expect(expected.judge(.rawExternalAssignments([renamedWrong, first[1]]), policy: policy) != nil, "details are still exact")
    }

    @Test func canvasModelsKeepNoLedger() {
        var model = F.model([(F.connect(), .sourceAccount("s-1"))])
        #expect(!model.stampsByFingerprint)
        let list = [F.raw("1")]
        model.apply(Self.poll, result: .rawExternalAssignments(list), platform: F.platform(list))
        #expect(model.ledger(of: "s-1").isEmpty)
        #expect(SyncModel(platform: .canvas).supportedSourceType == "Canvas")
    }

    /// The judge states the stamping rule itself (``StampLedger``); on a long random walk of polls
    /// (items added, renamed, re-dated, dropped and back, clocks that stand still or move) it agrees
    /// with the reference's ledger on every stamp. A test may compare the two; the judge never calls it.
    @Test func theKitsStampingRuleAgreesWithTheReferencesLedger() {
        var rng = SplitMix64(seed: 0x5EED)
        var kit = StampLedger()
        var reference = FingerprintLedger()
        var now = Timestamp(seconds: 1_756_728_000)
        var names: [String: String] = [:]
        for poll in 0..<400 {
            if Int.random(in: 0..<3, using: &rng) > 0 { now = now.advanced(bySeconds: Int64.random(in: 0...2, using: &rng)) }
            var items: [FingerprintedAssignment] = []
            for id in 1...6 where Int.random(in: 0..<5, using: &rng) > 0 {
                if Int.random(in: 0..<4, using: &rng) == 0 { names["\(id)"] = ["Lab", "Lab ", "Quiz", "Caf\u{E9}", "Cafe\u{301}"][Int.random(in: 0..<5, using: &rng)] }
                let due: Timestamp? = id % 2 == 0 ? now.advanced(bySeconds: Int64(id) * 3600) : nil
                items.append(FingerprintedAssignment(externalId: "\(id)", details: ExternalAssignmentDetails(name: names["\(id)"] ?? "A\(id)", description: nil, dueDate: due)))
            }
            if let first = items.first, Int.random(in: 0..<8, using: &rng) == 0 { items.append(first) }
            let (expected, nextReference) = reference.stamp(items, now: now)
            let (actual, nextKit) = kit.stamp(items.map { ($0.externalId, $0.details) }, now: now)
            #expect(actual == expected, "poll \(poll)")
            reference = nextReference
            kit = nextKit
        }
    }
}

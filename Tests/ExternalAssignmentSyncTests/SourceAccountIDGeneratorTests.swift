import ExternalAssignmentSync
import KitPrimitives
import Testing

@Suite struct SourceAccountIDGeneratorTests {
    @Test func sequentialIdsCount() {
        let ids = SequentialSourceAccountIDGenerator(prefix: "s", start: 7)
        #expect([ids.nextID(), ids.nextID(), ids.nextID()] == ["s7", "s8", "s9"])
    }

    @Test func randomIdsAreVersion4UUIDs() throws {
        let ids = RandomUUIDSourceAccountIDGenerator()
        let drawn = (0..<100).map { _ in ids.nextID().rawValue }
        #expect(Set(drawn).count == drawn.count)
        for id in drawn {
            let groups = id.split(separator: "-").map(String.init)
            try #require(groups.map(\.count) == [8, 4, 4, 4, 12], "\(id)")
            #expect(id.allSatisfy { "0123456789abcdef-".contains($0) }, "\(id)")
            #expect(groups[2].first == "4", "version 4: \(id)")
            #expect("89ab".contains(groups[3].first ?? "x"), "variant 1: \(id)")
        }
    }

    @Test func seededIdsReplay() {
        let first = RandomUUIDSourceAccountIDGenerator(using: SplitMix64(seed: 42))
        let second = RandomUUIDSourceAccountIDGenerator(using: SplitMix64(seed: 42))
        #expect((0..<5).map { _ in first.nextID() } == (0..<5).map { _ in second.nextID() })
    }
}

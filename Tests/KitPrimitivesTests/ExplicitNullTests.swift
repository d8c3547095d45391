import Foundation
import KitPrimitives
import Testing

/// `@ExplicitNull` writes an absent value as `null` and reads `null` or a missing key as absent.
@Suite struct ExplicitNullTests {
    struct Details: Codable, Hashable {
        var name: String
        @ExplicitNull var dueDate: String?
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func anAbsentValueIsWrittenAsNullAndAPresentOneAsItself() throws {
        #expect(try Self.json(Details(name: "A", dueDate: nil)) == #"{"dueDate":null,"name":"A"}"#)
        #expect(try Self.json(Details(name: "A", dueDate: "2025-09-01")) == #"{"dueDate":"2025-09-01","name":"A"}"#)
    }

    @Test(arguments: [#"{"name":"A","dueDate":null}"#, #"{"name":"A"}"#])
    func nullOrAMissingKeyReadsAsAbsent(_ text: String) throws {
        let details = try JSONDecoder().decode(Details.self, from: Data(text.utf8))
        #expect(details == Details(name: "A", dueDate: nil))
    }

    @Test func aValueOfTheWrongTypeIsStillAnError() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Details.self, from: Data(#"{"name":"A","dueDate":7}"#.utf8)) }
    }
}

import MockServerCore
import Testing

/// Expects `parse` (a mock world parsed from `bad.yaml`) to fail with `invalid-world`, naming the
/// file, the 1-based `line`, the dotted `field` when given, and saying `message`. Both mocks' world
/// files are held to this.
package func expectMalformedWorld(
    line: Int, field: String?, message: String, sourceLocation: SourceLocation = #_sourceLocation, _ parse: () throws -> Void
) {
    #expect(sourceLocation: sourceLocation) {
        try parse()
    } throws: { error in
        guard let error = error as? MockError else { return false }
        #expect(error.code == .invalidWorld, sourceLocation: sourceLocation)
        #expect(error.location?.file == "bad.yaml", sourceLocation: sourceLocation)
        #expect(error.location?.line == line, "\(error)", sourceLocation: sourceLocation)
        if let field { #expect(error.location?.field == field, "\(error)", sourceLocation: sourceLocation) }
        #expect(error.description.contains(message), "\(error)", sourceLocation: sourceLocation)
        return true
    }
}

import ConformanceKit
/// Why an answer does not follow the wire contract; the adapter reports it as a
/// ``HarnessError/Code/contractViolation`` (a failure of the implementation).
package struct WireViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the field (`rawExternalAssignments[2].details.dueDate: expected …`).
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}

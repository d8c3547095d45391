/// Why an answer does not follow the wire contract; the adapter reports it as a
/// ``HarnessError/Code/contractViolation`` (a failure of the implementation).
struct WireViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the field (`rawExternalAssignments[2].details.dueDate: expected …`).
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}

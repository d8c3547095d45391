import Foundation
import Synchronization
import ConformanceKit

/// Maps the free-text action errors of an implementation (`"Invalid credentials provided."`) to the
/// spec's error names, so a compat-6104 run checks error classes: the first rule whose regular
/// expression matches the text names the error. Text that no rule maps stays "an error, name
/// unknown", and the map remembers each distinct such text once, for the run's summary.
///
/// ```yaml
/// errors:
///   - {match: "(?i)invalid credentials", name: InvalidCredentialsError}
///   - {match: "already exists", name: DuplicateSourceError}
/// ```
public struct ErrorNameMap: Sendable {
    /// One rule: a regular expression and the spec name it gives.
    public struct Rule: Sendable {
        /// The pattern as written.
        public let pattern: String
        public let name: String
        let expression: NSRegularExpression

        /// A rule; nil when `pattern` is not a valid regular expression.
        public init?(pattern: String, name: String) {
            guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
            self.pattern = pattern
            self.name = name
            self.expression = expression
        }

        func matches(_ text: String) -> Bool {
            expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    public var rules: [Rule]
    /// The texts no rule mapped, shared by every copy of the map (one per run).
    public let unmapped = UnmappedErrorTexts()

    public init(rules: [Rule] = []) {
        self.rules = rules
    }

    /// The spec name for `text`, or nil (recorded as unmapped when there are rules at all).
    public func name(for text: String) -> String? {
        if let rule = rules.first(where: { $0.matches(text) }) { return rule.name }
        if !rules.isEmpty { unmapped.record(text) }
        return nil
    }
}

/// The distinct error texts that no rule of an ``ErrorNameMap`` mapped, in first-seen order.
public final class UnmappedErrorTexts: Sendable {
    private let texts = Mutex<[String]>([])

    init() {}

    func record(_ text: String) {
        texts.withLock { texts in if !texts.contains(text) { texts.append(text) } }
    }

    /// Every distinct text, in the order first seen.
    public var all: [String] { texts.withLock { $0 } }
}

import JUnitXML
import Synchronization
import ConformanceKit

/// The API tokens an adapter has sent, so it can keep them out of every message it produces and
/// notice when an implementation sends one back.
package final class KnownSecrets: Sendable {
    private struct State {
        var tokens: Set<String> = []
        var redactor = Redactor.none
    }

    private let state = Mutex(State())

    package init() {}

    /// Remembers `token` (empty tokens are ignored).
    package func remember(_ token: String) {
        guard !token.isEmpty else { return }
        state.withLock { state in
            guard state.tokens.insert(token).inserted else { return }
            state.redactor = Redactor(secrets: state.tokens)
        }
    }

    /// A redactor for every token seen so far.
    package var redactor: Redactor { state.withLock { $0.redactor } }
}

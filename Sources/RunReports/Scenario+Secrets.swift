import MockCanvas
import ConformanceKit
import PropertyChecker

extension Scenario {
    /// Every secret the scenario knows: its world's tokens and every `apiToken` its steps pass, so
    /// reports can redact them wherever they surface.
    public var knownSecrets: Set<String> {
        var secrets = Set(world.world.users.flatMap { $0.tokens.map(\.token) })
        func collect(_ value: ScenarioValue) {
            switch value {
            case .map(let entries):
                for entry in entries {
                    if entry.key == "apiToken", case .string(let token) = entry.value, !token.isEmpty { secrets.insert(token) }
                    collect(entry.value)
                }
            case .list(let items): items.forEach(collect)
            default: break
            }
        }
        for step in steps {
            if case .call(let call) = step.action { collect(call.arguments) }
            if case .concurrently(let clients) = step.action { clients.joined().forEach { collect($0.arguments) } }
        }
        return secrets
    }
}

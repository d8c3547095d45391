import KitPrimitives
import MockServerCore

/// A control command for a mock Canvas: the same set in-process (``MockCanvas/perform(_:)``), over
/// HTTP (`POST /__mock/<name>` with the arguments as a JSON body) and in scenario files.
public enum MockCanvasCommand: Sendable, Hashable {
    /// A change to the world (its `updated_at` stamps use the virtual clock).
    case change(CanvasWorldChange)
    /// Replaces the world (and the clock, from the world's `clock`); clears faults, journal, buckets.
    case loadWorld(CanvasWorld)
    /// Returns to the last loaded world and clock; clears faults, journal and rate-limit buckets.
    case reset
    /// Moves the virtual clock to an instant (never backwards).
    case setClock(Timestamp)
    /// Advances the virtual clock.
    case advanceClock(seconds: Double)
    /// Replaces the throttle parameters.
    case setRateLimit(CanvasRateLimit)
    /// Adds fault rules after those installed.
    case installFaults([FaultRule<CanvasWorldChange>])
    /// Removes every fault rule.
    case clearFaults
    /// Empties the request journal.
    case clearJournal

    /// Control command names (world changes are named by ``CanvasWorldChange/names``).
    public static let controlNames = [
        "load_world", "reset", "set_clock", "advance_clock", "set_rate_limit", "install_faults", "clear_faults",
        "clear_journal",
    ]

    /// Decodes the command `name` from a YAML or JSON `payload` (empty means no arguments).
    public init(name: String, payload: String, file: String = "<request body>") throws(MockError) {
        let text = payload.trimmingWhitespace.isEmpty ? "{}" : payload
        switch name {
        case "load_world": self = .loadWorld(try CanvasWorld.parse(text, file: file))
        case "reset": self = .reset
        case "clear_faults": self = .clearFaults
        case "clear_journal": self = .clearJournal
        case "set_clock":
            self = .setClock(try YAMLDocument.decode(SetClock.self, from: text, file: file, code: .invalidCommand).time)
        case "advance_clock":
            let seconds = try YAMLDocument.decode(AdvanceClock.self, from: text, file: file, code: .invalidCommand).seconds
            guard seconds >= 0, seconds.isFinite else { throw MockError(.invalidCommand, "seconds must be >= 0", location: .init(file: file, field: "seconds")) }
            self = .advanceClock(seconds: seconds)
        case "set_rate_limit":
            self = .setRateLimit(try YAMLDocument.decode(CanvasRateLimit.self, from: text, file: file, code: .invalidCommand))
        case "install_faults":
            if text.trimmingWhitespace.hasPrefix("[") || text.trimmingWhitespace.hasPrefix("-") {
                self = .installFaults(try YAMLDocument.decode([FaultRule<CanvasWorldChange>].self, from: text, file: file, code: .invalidFault))
            } else {
                self = .installFaults(try YAMLDocument.decode(InstallFaults.self, from: text, file: file, code: .invalidFault).rules)
            }
        default:
            guard CanvasWorldChange.names.contains(name) else {
                throw MockError(
                    .invalidCommand,
                    "unknown command '\(name)'; known: \((Self.controlNames + CanvasWorldChange.names).joined(separator: ", "))")
            }
            self = .change(try YAMLDocument.decode(
                CanvasWorldChange.self, from: text, file: file, code: .invalidCommand,
                userInfo: [CanvasWorldChange.nameFromContext: name]))
        }
    }

    struct SetClock: Decodable { var time: Timestamp }
    struct AdvanceClock: Decodable { var seconds: Double }
    struct InstallFaults: Decodable { var rules: [FaultRule<CanvasWorldChange>] }
}

extension String {
    var trimmingWhitespace: Substring {
        self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed().reduce(into: Substring()) { $0.append($1) }
    }
}

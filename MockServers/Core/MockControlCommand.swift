import KitPrimitives

/// A control command for a mock platform: the same set in-process (``MockPlatformServer/perform(_:)``),
/// over HTTP (`POST /__mock/<name>` with the arguments as a JSON or YAML body) and in scenario files.
public enum MockControlCommand<Platform: MockPlatform>: Sendable, Hashable {
    /// A change to the world (stamped with the virtual clock where the platform stamps edits).
    case change(Platform.World.Change)
    /// Replaces a platform setting (`set_rate_limit`, ...).
    case setting(Platform.World.Setting)
    /// Replaces the world (and the clock, from the world's `clock`); clears faults, journal and
    /// rate-limit counters.
    case loadWorld(Platform.World)
    /// Returns to the last loaded world and clock; clears faults, journal and rate-limit counters.
    case reset
    /// Moves the virtual clock to an instant (never backwards).
    case setClock(Timestamp)
    /// Advances the virtual clock.
    case advanceClock(seconds: Double)
    /// Adds fault rules after those installed.
    case installFaults([FaultRule<Platform.World.Change>])
    /// Removes every fault rule.
    case clearFaults
    /// Stops every fault rule from firing or counting requests until ``resumeFaults``.
    case suspendFaults
    /// Lets suspended rules fire again, where they left off.
    case resumeFaults
    /// Empties the request journal.
    case clearJournal

    /// The commands every platform has.
    public static var coreNames: [String] {
        ["load_world", "reset", "set_clock", "advance_clock", "install_faults", "clear_faults", "suspend_faults", "resume_faults", "clear_journal"]
    }

    /// Control command names (world changes are named by the change type's `names`).
    public static var controlNames: [String] { coreNames + Platform.World.Setting.names }

    /// Decodes the command `name` from a YAML or JSON `payload` (empty means no arguments).
    public init(name: String, payload: String, file: String = "<request body>") throws(MockError) {
        typealias Change = Platform.World.Change
        let text = Self.isBlank(payload) ? "{}" : payload
        switch name {
        case "load_world": self = .loadWorld(try Platform.World.parse(text, file: file))
        case "reset": self = .reset
        case "clear_faults": self = .clearFaults
        case "suspend_faults": self = .suspendFaults
        case "resume_faults": self = .resumeFaults
        case "clear_journal": self = .clearJournal
        case "set_clock":
            self = .setClock(try YAMLDocument.decode(SetClock.self, from: text, file: file, code: .invalidCommand).time)
        case "advance_clock":
            let seconds = try YAMLDocument.decode(AdvanceClock.self, from: text, file: file, code: .invalidCommand).seconds
            guard seconds >= 0, seconds.isFinite else {
                throw MockError(.invalidCommand, "seconds must be >= 0", location: .init(file: file, field: "seconds"))
            }
            self = .advanceClock(seconds: seconds)
        case "install_faults":
            let start = text.drop { $0.isWhitespace }
            if start.hasPrefix("[") || start.hasPrefix("-") {
                self = .installFaults(try YAMLDocument.decode([FaultRule<Change>].self, from: text, file: file, code: .invalidFault))
            } else {
                self = .installFaults(try YAMLDocument.decode(InstallFaults.self, from: text, file: file, code: .invalidFault).rules)
            }
        default:
            if Platform.World.Setting.names.contains(name) {
                self = .setting(try Platform.World.Setting(name: name, payload: text, file: file))
                return
            }
            guard Change.names.contains(name) else {
                throw MockError(
                    .invalidCommand, "unknown command '\(name)'; known: \((Self.controlNames + Change.names).joined(separator: ", "))")
            }
            self = .change(try YAMLDocument.decode(
                Change.self, from: text, file: file, code: .invalidCommand, userInfo: [Change.nameFromContext: name]))
        }
    }

    static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

    struct SetClock: Decodable { var time: Timestamp }
    struct AdvanceClock: Decodable { var seconds: Double }
    struct InstallFaults: Decodable { var rules: [FaultRule<Platform.World.Change>] }
}

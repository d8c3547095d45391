import Logging
import Synchronization

/// Every log line, rendered with its metadata, kept so tests can scan them (never bootstraps logging).
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])

    /// A logger that writes into this capture at trace level.
    func makeLogger(label: String = "ExternalAssignmentSyncTests") -> Logger {
        Logger(label: label) { label in CapturingLogHandler(label: label, capture: self) }
    }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    init(label: String, capture: LogCapture) {
        self.label = label
        self.capture = capture
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(event.message) \(rendered)")
    }
}
